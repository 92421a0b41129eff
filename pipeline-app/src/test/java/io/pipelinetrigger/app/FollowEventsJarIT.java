package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.rest.OpenApiContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Followers of the jar's event stream (docs/api.md, "Follow a run live") on the process runner: attached while the
 * server is killed with {@code kill -9}, they resume after the restart from the offsets they had, and together with
 * what they got before they have the whole log, once, and the job's end.
 */
class FollowEventsJarIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void followersCutByAKillResumeFromTheirOffsetsAfterTheRestart() throws Exception {
        Path dataDir = testbed.newDataDir();
        Map<String, String> environment = JarTestbed.processEnvironment(dataDir);
        environment.put("PIPELINE_INGESTER_COMMAND",
                JarTestbed.shell("i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo \"line $i of the ingester\"; done; sleep 60"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted("{\"pipeline\": \"full\"}");

        // three followers, each stops reading (still attached) at a different place of the log
        List<StringBuilder> texts = new ArrayList<>();
        List<String> lastIds = new ArrayList<>();
        List<SseStream> streams = new ArrayList<>();
        for (String until : List.of("line 10 of", "line 1500 of", "line 3000 of")) {
            SseStream stream = SseStream.open(base(first), P + "/events?jobId=" + jobId);
            assertThat(stream.status()).isEqualTo(200);
            StringBuilder text = new StringBuilder();
            String lastId = "0";
            while (!text.toString().contains(until)) {
                SseStream.Event event = stream.next().orElseThrow();
                if (event.name().equals("log")) {
                    text.append(event.data());
                    lastId = event.id().orElseThrow();
                }
            }
            texts.add(text);
            lastIds.add(lastId);
            streams.add(stream);
        }
        assertThat(lastIds).allSatisfy(id -> assertThat(Long.parseLong(id)).isPositive());

        first.kill();
        for (SseStream stream : streams) {
            // the stream is cut (its end, or a broken connection) without an end event
            boolean ended = false;
            try {
                for (Optional<SseStream.Event> event = stream.next(); event.isPresent(); event = stream.next()) {
                    ended |= event.get().name().equals("end");
                }
            } catch (java.io.IOException cut) {
                // the connection broke with the server
            }
            assertThat(ended).isFalse();
            stream.close();
        }

        JarServer second = testbed.start(environment);
        HttpResponse<String> log = http.send(HttpRequest.newBuilder(URI.create(base(second) + P + "/log?jobId=" + jobId)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        OpenApiContract.check(log);
        String whole = log.body();
        assertThat(whole).contains("line 3000 of the ingester\n");
        for (int i = 0; i < texts.size(); i++) {
            // the URL still says offset=0; the header says where the follower stands
            try (SseStream resumed = SseStream.open(base(second), P + "/events?jobId=" + jobId + "&offset=0",
                    "Last-Event-ID", lastIds.get(i))) {
                assertThat(resumed.status()).isEqualTo(200);
                JsonNode end = null;
                for (Optional<SseStream.Event> next = resumed.next(); next.isPresent(); next = resumed.next()) {
                    SseStream.Event event = next.get();
                    if (event.name().equals("log")) {
                        texts.get(i).append(event.data());
                    } else if (event.name().equals("end")) {
                        end = JSON.readTree(event.data());
                    }
                }
                assertThat(texts.get(i).toString()).isEqualTo(whole);
                assertThat(end).isNotNull();
                // a process step does not outlive the server: the restart ends the job
                assertThat(end.path("status").asText()).isEqualTo("failed");
                assertThat(end.path("jobId").asText()).isEqualTo(jobId);
            }
        }
    }

    private static URI base(JarServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
