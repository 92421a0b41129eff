package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** How the job view shows each way a run can end (docs/api.md, "The job view"), and the live output while it runs. */
class JobOutcomesIT {

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
    void aStepThatCannotBeLaunchedFailsTheJobWithItsReason() throws InterruptedException {
        String reason = "Image zynexa/dbt:latest was not found on the engine.";
        runner.on(StepName.DBT, FakeStep.failingToLaunch(reason));

        JsonNode view = api.awaitFinished(triggered("{\"pipeline\": \"dbt\"}"));

        assertFailed(view, reason);
        assertThat(view.get("steps").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(view.get("steps").get(0).get("exitCode").isNull()).isTrue();
    }

    @Test
    void aStepLostWhileRunningFailsTheJobWithItsReason() throws InterruptedException {
        String reason = "The dbt container disappeared while it ran.";
        runner.on(StepName.INGESTER, FakeStep.failingWhileRunning(reason));

        JsonNode view = api.awaitFinished(triggered("{\"pipeline\": \"full\"}"));

        assertFailed(view, reason);
        assertThat(view.get("steps").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(view.get("steps").get(1).get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void aPipelineThatExitsNonZeroIsCompletedWithSuccessAndItsExitCode() throws InterruptedException {
        runner.on(StepName.DBT, FakeStep.printing("Done. PASS=266 WARN=5 ERROR=5 SKIP=0").thenExiting(1));

        JsonNode view = api.awaitFinished(triggered("{\"pipeline\": \"dbt\"}"));

        assertThat(view.get("status").asText()).isEqualTo("completed");
        assertThat(view.get("success").asBoolean()).isTrue();
        assertThat(view.get("exitCode").asInt()).isEqualTo(1);
        assertThat(view.get("error").isNull()).isTrue();
        assertThat(view.get("output").asText()).contains("ERROR=5");
        assertThat(view.get("steps").get(0).get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void aFullPipelineSkipsDbtWhenTheIngesterExitsNonZero() throws InterruptedException {
        runner.on(StepName.INGESTER, FakeStep.exiting(2));

        JsonNode view = api.awaitFinished(triggered("{\"pipeline\": \"full\"}"));

        assertThat(view.get("status").asText()).isEqualTo("completed");
        assertThat(view.get("exitCode").asInt()).isEqualTo(2);
        JsonNode dbt = view.get("steps").get(1);
        assertThat(dbt.get("name").asText()).isEqualTo("dbt");
        assertThat(dbt.get("status").asText()).isEqualTo("skipped");
        assertThat(dbt.get("exitCode").isNull()).isTrue();
        assertThat(dbt.get("startedAt").isNull()).isTrue();
    }

    @Test
    void aRunningJobShowsItsLiveOutputAndRunningStep() throws InterruptedException {
        FakeStep dbt = FakeStep.runningUntilReleased()
                .andBytes("Found 271 models, 197 tests ✓\n".getBytes(StandardCharsets.UTF_8))
                .andOnStderr("warning: 5 sources are stale");
        runner.on(StepName.DBT, dbt);
        String jobId = triggered("{\"pipeline\": \"dbt\"}");
        dbt.awaitStarted();

        JsonNode running = api.job(jobId).json();

        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("success").asBoolean()).isTrue();
        assertThat(running.get("exitCode").asInt()).isEqualTo(-1);
        assertThat(running.get("output").asText()).contains("Found 271 models, 197 tests ✓", "5 sources are stale");
        assertThat(running.get("startedAt").asText()).matches(SeedExamplesIT.ISO_UTC);
        assertThat(running.get("finishedAt").isNull()).isTrue();
        assertThat(running.get("steps").get(0).get("status").asText()).isEqualTo("running");
        assertThat(running.get("steps").get(0).get("startedAt").asText()).matches(SeedExamplesIT.ISO_UTC);
        dbt.finish();
        assertThat(api.awaitFinished(jobId).get("output").asText()).contains("Found 271 models");
    }

    @Test
    void theListShowsEveryJobNewestFirst() throws InterruptedException {
        String first = triggered("{\"pipeline\": \"ingester\"}");
        api.awaitFinished(first);
        String second = triggered("{\"pipeline\": \"dbt\", \"command\": \"test\"}");
        api.awaitFinished(second);

        ApiClient.Answer list = api.jobs();

        assertThat(list.status()).isEqualTo(200);
        assertThat(SeedExamplesIT.fieldNames(list.json())).containsExactly("success", "jobs", "next");
        assertThat(list.json().get("next").isNull()).as("one page holds them all").isTrue();
        assertThat(list.json().get("success").asBoolean()).isTrue();
        assertThat(api.jobIds()).containsExactly(second, first);
        JsonNode newest = list.json().get("jobs").get(0);
        assertThat(SeedExamplesIT.fieldNames(newest)).containsExactlyElementsOf(SeedExamplesIT.JOB_VIEW_FIELDS);
        assertThat(newest.get("command").asText()).isEqualTo("test");
        assertThat(newest.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aCommandGivenForTheIngesterIsAcceptedAndIgnored() throws InterruptedException {
        ApiClient.Answer accepted = api.trigger("{\"pipeline\": \"ingester\", \"command\": \"build\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("command").isNull()).isTrue();
        api.awaitFinished(accepted.json().get("jobId").asText());
        assertThat(runner.startedSteps()).singleElement()
                .satisfies(spec -> assertThat(spec.arguments()).isEmpty());
    }

    @Test
    void nullFlagsMeanTheServerDefaults() {
        ApiClient.Answer accepted = api.trigger(
                "{\"pipeline\": \"dbt\", \"command\": null, \"enableOpenlineage\": null, \"enableElementary\": null}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("command").asText()).isEqualTo("daily");
        assertThat(accepted.json().get("enableOpenlineage").asBoolean()).isTrue();
        assertThat(accepted.json().get("enableElementary").asBoolean()).isTrue();
    }

    private String triggered(String body) {
        ApiClient.Answer accepted = api.trigger(body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("jobId").asText();
    }

    private static void assertFailed(JsonNode view, String reason) {
        assertThat(view.get("status").asText()).isEqualTo("failed");
        assertThat(view.get("success").asBoolean()).isFalse();
        assertThat(view.get("exitCode").asInt()).isEqualTo(-1);
        assertThat(view.get("error").asText()).isEqualTo(reason);
        assertThat(view.get("output").asText().strip()).endsWith(reason);
        assertThat(view.get("finishedAt").asText()).matches(SeedExamplesIT.ISO_UTC);
    }
}
