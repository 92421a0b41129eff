package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower that stops reading altogether is dropped after the server's write timeout (docs/api.md, "Follow a
 * run live"): the jar streams the events of a 15 MB log to a client that never reads, the server gives up on it
 * and closes the connection, and what the client finds when it reads at last is a cut stream without the end.
 */
class StuckFollowerJarIT {

    private static final Pattern WENT_AWAY = Pattern.compile("Job (\\S+): a follower went away at byte (\\d+) \\((.*)\\)");

    private final JarTestbed testbed = JarTestbed.withoutDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedAndItsStreamNeverReachesTheEnd() throws Exception {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("seq 1 2000000"));
        JarServer server = testbed.start(environment);
        JarApi api = testbed.api(server);
        String jobId = api.accepted("{\"pipeline\": \"dbt\"}");
        assertThat(api.awaitFinished(jobId).path("status").asText()).isEqualTo("completed");

        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096); // before connecting: the window the server may fill stays small
            stuck.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            stuck.getOutputStream().write(("GET /api/data-analytics/pipeline/trigger/events?jobId=" + jobId
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush();

            Matcher dropped = server.awaitLine(WENT_AWAY, Duration.ofSeconds(90))
                    .orElseThrow(() -> new AssertionError("the stuck follower was not dropped; log:\n" + server.log()));
            assertThat(dropped.group(1)).isEqualTo(jobId);
            long droppedAt = Long.parseLong(dropped.group(2));
            assertThat(droppedAt).as("bytes of log sent before the drop").isLessThan(14_000_000);

            String received = readToClose(stuck.getInputStream());
            assertThat(received).startsWith("HTTP/1.1 200").contains("event: log");
            assertThat(received).doesNotContain("event: end");
        }
        // the server goes on serving others
        assertThat(api.job(jobId).status()).isEqualTo(200);
    }

    private static String readToClose(InputStream in) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
