package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.rest.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a run of the jar on the process runner (docs/api.md, "Read the whole log", "Wait for the end"): the
 * log read by offset while the job runs, after it ended, and after a restart from the archive on disk; a 5 MB run
 * read in 64 KiB pages is its archive cleaned, byte for byte.
 */
class FollowRunJarIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final String SECRET = "hunter2-very-secret";

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

    @Test
    void aFiveMegabyteRunReadIn64KiBPagesWhileItRunsAndAfterIsItsArchiveCleaned() throws Exception {
        Path steps = testbed.newDataDir();
        byte[] firstHalf = printedLines(0, 42_000);
        byte[] secondHalf = printedLines(42_000, 84_000);
        Files.write(steps.resolve("first-half"), firstHalf);
        Files.write(steps.resolve("second-half"), secondHalf);
        Path dataDir = testbed.newDataDir();
        Map<String, String> environment = JarTestbed.processEnvironment(dataDir);
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("cat " + steps.resolve("first-half") + "; until [ -f "
                + steps.resolve("go") + " ]; do sleep 0.1; done; cat " + steps.resolve("second-half")));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0 done"));
        environment.put("PIPELINE_REDACT", SECRET);
        JarServer server = testbed.start(environment);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        String jobId = testbed.api(server).accepted("{\"pipeline\": \"full\"}");

        // while the step is held half-way: every page of the first half says more is to come
        LogPages pages = new LogPages(jobId);
        pages.readUntil(base, "line 0041999 ");
        assertThat(pages.more()).isTrue();
        Files.createFile(steps.resolve("go"));
        pages.readToEnd(base);

        Path archive = dataDir.resolve("output").resolve(jobId);
        byte[] ingester = Files.readAllBytes(archive.resolve("ingester.log"));
        byte[] dbt = Files.readAllBytes(archive.resolve("dbt.log"));
        // the archive is what the steps printed, byte for byte; the pages are the archive cleaned (docs/api.md)
        assertThat(Arrays.mismatch(ingester, concat(firstHalf, secondHalf))).as("the first byte where the archive differs")
                .isEqualTo(-1);
        assertThat(new String(dbt, StandardCharsets.UTF_8)).isEqualTo("dbt daily done\n");
        String archived = new String(concat(ingester, dbt), StandardCharsets.UTF_8);
        assertThat(archived.length()).isGreaterThan(5_000_000);
        assertThat(pages.text()).isEqualTo(OutputSanitizer.redacting(Set.of(SECRET)).clean(archived))
                .doesNotContain(SECRET).doesNotContain("\u001b").contains("[REDACTED]").contains("\\x07");
        assertThat(pages.offset()).isEqualTo(ingester.length + dbt.length);
        assertThat(pages.count()).as("64 KiB pages").isGreaterThan(5_000_000 / LogPages.PAGE_BYTES);
    }

    /** Lines {@code from} (inclusive) to {@code to} of a step that colours, rings the bell and prints a secret now and then. */
    private static byte[] printedLines(int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append(String.format("line %07d of the ingester, \u001b[1;32mgreen\u001b[0m, caf\u00e9 \u20ac%s%s\tend\n", i,
                    i % 97 == 0 ? " \u0007" : "", i % 50 == 0 ? " password " + SECRET : ""));
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private HttpResponse<String> get(JarServer server, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // every answer is held to the OpenAPI document (docs/api.md)
        OpenApiContract.check(answer);
        return answer;
    }
}
