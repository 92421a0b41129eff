package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a run on the real Docker engine (docs/api.md, "Read the whole log", "Follow a run live"): a step
 * container printing about 4 MB, held at a gate half-way, is read by {@code /log} in 64 KiB pages and followed by
 * {@code /events}; the server is killed (-9) while both are under way, the restarted server reattaches to the same
 * container, and the follower resumes with {@code Last-Event-ID} twice more. Pages and stream each hold the whole
 * log once, in order, equal to what the step printed, and the end is the container's real exit code.
 */
@ExtendWith(DockerEngineAvailable.class)
class FollowDockerJarIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final int HALF = 300_000;

    private final JarTestbed testbed = JarTestbed.withDocker();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void pagesAndAStreamCutThreeTimesAcrossAKillAndReattachHoldEveryByteOnce() throws Exception {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("seq 1 " + HALF + "; " + DockerStepGate.AWAIT
                + "; seq " + (HALF + 1) + " " + 2 * HALF + "; exit 3"));
        environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
        JarServer first = testbed.start(environment);
        String jobId = testbed.api(first).accepted("{\"pipeline\": \"dbt\"}");
        String firstHalfEnd = "\n" + HALF + "\n";

        StringBuilder stream = new StringBuilder();
        String lastId;
        try (SseStream events = SseStream.open(base(first), P + "/events?jobId=" + jobId)) {
            lastId = readUntil(events, stream, firstHalfEnd);
        }
        LogPages pages = new LogPages(jobId);
        pages.readUntil(base(first), firstHalfEnd);

        first.kill(); // cut 1: the step container goes on, held at its gate
        JarServer second = testbed.start(environment);
        try {
            followOnTheRestartedServer(second, jobId, lastId, gate, stream, pages, since);
        } catch (AssertionError failed) {
            throw new AssertionError(failed.getMessage() + "\nthe restarted server's log:\n" + second.log(), failed);
        }
    }

    private void followOnTheRestartedServer(JarServer second, String jobId, String resumeAt, DockerStepGate gate,
                                            StringBuilder stream, LogPages pages, Instant since) throws Exception {
        String lastId = resumeAt;
        try (SseStream events = SseStream.open(base(second), P + "/events?jobId=" + jobId, "Last-Event-ID", lastId)) {
            assertThat(events.status()).isEqualTo(200);
            gate.open();
            lastId = readUntil(events, stream, "\n" + (HALF + 1000) + "\n"); // cut 2: the client goes away
        }
        try (SseStream events = SseStream.open(base(second), P + "/events?jobId=" + jobId, "Last-Event-ID", lastId)) {
            lastId = readUntil(events, stream, "\n" + (HALF + 200_000) + "\n"); // cut 3
        }
        JsonNode end;
        try (SseStream events = SseStream.open(base(second), P + "/events?jobId=" + jobId + "&offset=0",
                "Last-Event-ID", lastId)) {
            end = LogFollower.readToEnd(events, stream);
        }
        pages.readUntil(base(second), "\n" + 2 * HALF + "\n");

        String printed = IntStream.rangeClosed(1, 2 * HALF).mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\n"));
        HttpResponse<String> whole = get(second, P + "/log?jobId=" + jobId);
        assertThat(whole.body()).isEqualTo(printed);
        assertThat(pages.text()).isEqualTo(printed);
        assertThat(pages.offset()).isEqualTo(printed.length());
        assertThat(stream.toString()).isEqualTo(printed);
        assertThat(pages.count()).as("64 KiB pages").isGreaterThan(printed.length() / 65_536);
        assertThat(end.path("status").asText()).isEqualTo("completed");
        assertThat(end.path("exitCode").asInt()).isEqualTo(3);
        assertThat(end.path("outcome").asText()).isEqualTo("errored");
        assertThat(DockerCli.containersCreatedFor(jobId, since)).as("containers created for the job").isEqualTo(1);
    }

    /** Appends log events' data until the text ends with {@code tail}; returns the last log event's id. */
    private static String readUntil(SseStream events, StringBuilder text, String tail) throws IOException {
        String lastId = "";
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (text.indexOf(tail) < 0) {
            SseStream.Event event = events.next().orElseThrow(() -> new AssertionError("stream ended before "
                    + tail.strip() + "; the text ends with: " + text.substring(Math.max(0, text.length() - 80))
                    + "; events seen: " + seen));
            seen.add(event.name().equals("log") ? "log" : event.name() + " " + event.data());
            if (event.name().equals("log")) {
                text.append(event.data());
                lastId = event.id().orElseThrow();
            }
        }
        return lastId;
    }

    private HttpResponse<String> get(JarServer server, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base(server) + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI base(JarServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
