package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower that stops reading altogether is dropped after the server's write timeout (docs/api.md, "Follow a
 * run live"): the jar streams the events of a 15 MB log to a client that never reads, the server gives up on it
 * and closes the connection, and what the client finds when it reads at last is a cut stream without the end.
 */
class StuckFollowerJarIT {

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

        try (SilentFollower stuck = SilentFollower.attach(server.port(), jobId)) {
            Matcher dropped = server.awaitLine(SilentFollower.WENT_AWAY, Duration.ofSeconds(90))
                    .orElseThrow(() -> new AssertionError("the stuck follower was not dropped; log:\n" + server.log()));
            assertThat(dropped.group(1)).isEqualTo(jobId);
            long droppedAt = Long.parseLong(dropped.group(2));
            assertThat(droppedAt).as("bytes of log sent before the drop").isLessThan(14_000_000);

            String received = stuck.readToClose();
            assertThat(received).startsWith("HTTP/1.1 200").contains("event: log");
            assertThat(received).doesNotContain("event: end");
        }
        // the server goes on serving others
        assertThat(api.job(jobId).status()).isEqualTo(200);
    }
}
