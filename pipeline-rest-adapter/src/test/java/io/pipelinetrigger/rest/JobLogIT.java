package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET .../log} (docs/api.md, "Read the whole log") over real Grizzly with a file archive. */
@Timeout(120)
class JobLogIT {

    private static final String LOG = "/api/data-analytics/pipeline/trigger/log";
    private static final String SECRET = "hunter2-very-secret";
    private static final OutputSanitizer SANITIZER = OutputSanitizer.redacting(Set.of(SECRET));

    @TempDir
    Path dataDir;

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;
    private FileOutputArchive archive;

    private void start(String... tokens) {
        archive = new FileOutputArchive(dataDir.resolve("output"));
        server = ApiServer.with(runner, facade -> facade.outputArchive(archive).outputSanitizer(SANITIZER),
                options -> tokens.length == 0 ? options.apiEnabled(true)
                        : options.apiEnabled(true).tokens(ApiTokens.of(List.of(tokens))));
        api = server.client();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMultiMegabyteLogReadIn64KiBPagesWhileItRunsAndAfterIsTheArchiveCleaned() throws Exception {
        start();
        byte[] ingesterPart = lines(0, 20_000);
        byte[] ingesterRest = lines(20_000, 40_000);
        byte[] dbtPart = lines(40_000, 60_000);
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes(ingesterPart).andBytes(ingesterRest).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        runner.on(StepName.DBT, FakeStep.printing("dbt says hi").andBytes(dbtPart));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        long written = ingesterPart.length + ingesterRest.length;
        while (archive.bytesKept(JobId.of(jobId), StepName.INGESTER) < written) {
            Thread.sleep(10);
        }

        StringBuilder text = new StringBuilder();
        long offset = 0;
        ApiClient.Answer page;
        // while it runs: what is there so far, page by page, each page saying more is to come
        do {
            page = api.get(LOG + "?jobId=" + jobId + "&offset=" + offset + "&limit=65536");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.contentType()).isEqualToIgnoringCase("text/plain;charset=utf-8");
            assertThat(page.headers().firstValue("X-Log-More")).contains("true");
            text.append(page.body());
            long next = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
            assertThat(next).isGreaterThanOrEqualTo(offset);
            if (next == offset) {
                break;
            }
            offset = next;
        } while (true);
        assertThat(offset).isPositive();
        ingester.finish();
        api.awaitFinished(jobId);
        do {
            page = api.get(LOG + "?jobId=" + jobId + "&offset=" + offset + "&limit=65536");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body().length()).isLessThanOrEqualTo(65536);
            text.append(page.body());
            offset = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
        } while (page.headers().firstValue("X-Log-More").orElseThrow().equals("true"));

        String archived = new String(Files.readAllBytes(archive.fileOf(JobId.of(jobId), StepName.INGESTER)), StandardCharsets.UTF_8)
                + new String(Files.readAllBytes(archive.fileOf(JobId.of(jobId), StepName.DBT)), StandardCharsets.UTF_8);
        assertThat(archived.length()).isGreaterThan(3_000_000);
        assertThat(text.toString()).isEqualTo(SANITIZER.clean(archived)).doesNotContain(SECRET).contains("[REDACTED]");
        assertThat(offset).isEqualTo(archived.getBytes(StandardCharsets.UTF_8).length);
        assertThat(api.get(LOG + "?jobId=" + jobId + "&offset=" + offset).body()).isEmpty();

        ApiClient.Answer dbtOnly = api.get(LOG + "?jobId=" + jobId + "&step=dbt");
        assertThat(dbtOnly.body()).startsWith("dbt says hi\n");
        assertThat(dbtOnly.headers().firstValue("X-Log-More")).contains("false");
    }

    @Test
    void wrongParametersAreRefusedNamingThem() throws Exception {
        start();
        runner.on(StepName.DBT, FakeStep.printing("twelve bytes"));
        String jobId = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        api.awaitFinished(jobId);
        String q = LOG + "?jobId=" + jobId;

        assertThat(assertError(api.get(q + "&offset=-1"), 400)).startsWith("The query parameter 'offset' must be a whole number");
        assertThat(assertError(api.get(q + "&offset=abc"), 400)).startsWith("The query parameter 'offset' must be a whole number");
        assertThat(assertError(api.get(q + "&offset=14"), 400)).isEqualTo("The offset 14 is past the end of the log, which has 13 bytes so far.");
        assertThat(assertError(api.get(q + "&limit=0"), 400)).startsWith("The query parameter 'limit' must be a whole number of bytes from 1 to 8388608");
        assertThat(assertError(api.get(q + "&limit=8388609"), 400)).startsWith("The query parameter 'limit'");
        assertThat(assertError(api.get(q + "&step=spark"), 400)).isEqualTo("The query parameter 'step' must be one of \"ingester\", \"dbt\", got \"spark\".");
        assertThat(assertError(api.get(q + "&step=ingester"), 400)).contains("has no step ingester");
        assertError(api.get(LOG + "?jobId=dbt-1710460800000-nojob0"), 404);
        assertError(api.get(LOG), 400);
        assertError(api.get(LOG + "?jobId=abc"), 400);
        ApiClient.Answer whole = api.get(q);
        assertThat(whole.body()).isEqualTo("twelve bytes\n");
        assertThat(whole.headers().firstValue("X-Log-Next-Offset")).contains("13");
        assertThat(whole.headers().firstValue("X-Log-More")).contains("false");
    }

    @Test
    void theLogNeedsTheTokenWhenTokensAreSet() {
        start("s3cr3t-token-0123456789abcdef");
        ApiClient.Answer answer = api.get(LOG + "?jobId=dbt-1710460800000-nojob0");
        assertError(answer, 401);
        assertError(api.call("GET", LOG + "?jobId=dbt-1710460800000-nojob0", null,
                "Authorization", "Bearer s3cr3t-token-0123456789abcdef"), 404);
    }

    /** Numbered lines with a secret, colours and non-ASCII text here and there. */
    private static byte[] lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append("line ").append(i).append(" of the run ✓ é");
            if (i % 997 == 0) {
                text.append(" token=").append(SECRET);
            }
            if (i % 101 == 0) {
                text.append(" \u001B[32mgreen\u001B[0m");
            }
            text.append(" padding to make the log a few megabytes long........\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
