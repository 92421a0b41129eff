package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.rest.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a run of the jar on the process runner (docs/api.md, "Read the whole log", "Wait for the end"): the
 * log read by offset while the job runs, after it ended, and after a restart from the archive on disk.
 */
class FollowRunJarIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void theLogIsReadByOffsetWhileTheJobRunsAfterItEndsAndAfterARestart() throws Exception {
        Path dataDir = testbed.newDataDir();
        Map<String, String> environment = JarTestbed.processEnvironment(dataDir);
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo one; echo two; sleep 3; echo three"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted("{\"pipeline\": \"full\"}");
        api.awaitOutput(jobId, "two");

        HttpResponse<String> running = get(first, P + "/log?jobId=" + jobId);
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(running.body()).isEqualTo("one\ntwo\n");
        assertThat(running.headers().firstValue("X-Log-Next-Offset")).contains("8");
        assertThat(running.headers().firstValue("X-Log-More")).contains("true");

        HttpResponse<String> waited = get(first, P + "?jobId=" + jobId + "&wait=30&output=false");
        JsonNode done = new com.fasterxml.jackson.databind.ObjectMapper().readTree(waited.body());
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(done.path("trigger").asText()).isEqualTo("api");
        assertThat(done.has("output")).isFalse();

        HttpResponse<String> rest = get(first, P + "/log?jobId=" + jobId + "&offset=8");
        assertThat(rest.body()).isEqualTo("three\ndbt daily\n");
        assertThat(rest.headers().firstValue("X-Log-More")).contains("false");
        assertThat(rest.headers().firstValue("X-Log-Next-Offset")).contains("24");

        first.terminate();
        first.awaitExit(Duration.ofSeconds(30));
        JarServer second = testbed.start(environment);
        HttpResponse<String> afterRestart = get(second, P + "/log?jobId=" + jobId + "&offset=4&limit=5");
        assertThat(afterRestart.body()).isEqualTo("two\n");
        assertThat(afterRestart.headers().firstValue("X-Log-Next-Offset")).contains("8");
        assertThat(get(second, P + "/log?jobId=" + jobId + "&step=dbt").body()).isEqualTo("dbt daily\n");
        JsonNode again = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(second, P + "?jobId=" + jobId).body());
        assertThat(again.path("outcome").asText()).isEqualTo("succeeded");
    }

    private HttpResponse<String> get(JarServer server, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // every answer is held to the OpenAPI document (docs/api.md)
        OpenApiContract.check(answer);
        return answer;
    }
}
