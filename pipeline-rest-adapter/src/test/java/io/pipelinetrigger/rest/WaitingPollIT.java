package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The poll's {@code wait} and {@code output} parameters (docs/api.md, "Poll a job") over real Grizzly. */
@Timeout(60)
class WaitingPollIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        server = ApiServer.enabled(runner);
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aWaitingPollIsAnsweredAsSoonAsTheJobEndsAndManyCanWaitAtOnce() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().andBytes("working\n".getBytes(StandardCharsets.UTF_8));
        runner.on(StepName.DBT, dbt);
        String jobId = triggered();
        dbt.awaitStarted();

        // more waiters than Grizzly has worker threads: none of them holds one while it waits
        List<CompletableFuture<ApiClient.Answer>> waiting = IntStream.range(0, 40)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.get(P + "?jobId=" + jobId + "&wait=30")))
                .toList();
        Thread.sleep(500);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        assertThat(api.job(jobId).json().get("status").asText()).isEqualTo("running");
        long released = System.nanoTime();
        dbt.finish();

        for (CompletableFuture<ApiClient.Answer> answer : waiting) {
            JsonNode view = answer.get(20, TimeUnit.SECONDS).json();
            assertThat(view.get("status").asText()).isEqualTo("completed");
            assertThat(view.get("outcome").asText()).isEqualTo("succeeded");
            assertThat(view.get("output").asText()).isEqualTo("working\n");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void whenTheWaitIsOverTheAnswerIsTheRunningJob() {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        String jobId = triggered();

        long asked = System.nanoTime();
        ApiClient.Answer answer = api.get(P + "?jobId=" + jobId + "&wait=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(answer.json().get("status").asText()).isEqualTo("running");
        assertThat(answer.json().get("outcome").isNull()).isTrue();
        assertThat(SeedExamplesIT.fieldNames(answer.json())).containsExactlyElementsOf(SeedExamplesIT.JOB_VIEW_FIELDS);
        dbt.finish();
    }

    @Test
    void aJobThatHasEndedAnswersAtOnce() throws InterruptedException {
        runner.on(StepName.DBT, FakeStep.exiting(3));
        String jobId = triggered();
        api.awaitFinished(jobId);

        long asked = System.nanoTime();
        JsonNode view = api.get(P + "?jobId=" + jobId + "&wait=60").json();

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
        assertThat(view.get("outcome").asText()).isEqualTo("errored");
        assertThat(view.get("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void outputFalseLeavesOnlyTheOutputFieldOut() throws InterruptedException {
        runner.on(StepName.DBT, FakeStep.printing("Done."));
        String jobId = triggered();
        api.awaitFinished(jobId);

        JsonNode cheap = api.get(P + "?jobId=" + jobId + "&output=false").json();
        JsonNode full = api.get(P + "?jobId=" + jobId + "&output=true").json();
        JsonNode waited = api.get(P + "?jobId=" + jobId + "&output=false&wait=5").json();

        List<String> withoutOutput = SeedExamplesIT.JOB_VIEW_FIELDS.stream().filter(f -> !f.equals("output")).toList();
        assertThat(SeedExamplesIT.fieldNames(cheap)).containsExactlyElementsOf(withoutOutput);
        assertThat(SeedExamplesIT.fieldNames(waited)).containsExactlyElementsOf(withoutOutput);
        assertThat(SeedExamplesIT.fieldNames(full)).containsExactlyElementsOf(SeedExamplesIT.JOB_VIEW_FIELDS);
        assertThat(full.get("output").asText()).contains("Done.");
        assertThat(cheap.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aWaitOrOutputOutOfItsRangeIsRefusedNamingTheParameter() {
        runner.on(StepName.DBT, FakeStep.exiting(0));
        String jobId = triggered();

        for (String wait : List.of("0", "61", "-1", "abc", "1.5", "", "99999999999999999999")) {
            String error = assertError(api.get(P + "?jobId=" + jobId + "&wait=" + wait), 400);
            assertThat(error).as(wait).startsWith("The query parameter 'wait' must be a whole number of seconds from 1 to 60");
        }
        assertThat(assertError(api.get(P + "?jobId=" + jobId + "&wait=5&wait=6"), 400))
                .isEqualTo("Give the query parameter 'wait' once; it was given 2 times.");
        assertThat(assertError(api.get(P + "?jobId=" + jobId + "&output=no"), 400))
                .isEqualTo("The query parameter 'output' must be true or false, got \"no\".");
    }

    @Test
    void waitingForAnUnknownJobIsA404() {
        assertError(api.get(P + "?jobId=dbt-1710460800000-nojob0&wait=5"), 404);
    }

    private String triggered() {
        ApiClient.Answer answer = api.trigger("{\"pipeline\": \"dbt\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("jobId").asText();
    }
}
