package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** DELETE cancels a running job; an Idempotency-Key makes a retried trigger safe (issue: never lose a run). */
class CancelAndIdempotencyIT {

    private static final String PATH = ApiClient.PATH;
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

    private ApiClient.Answer triggerWithKey(String json, String key) {
        return api.post(PATH, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Idempotency-Key", key);
    }

    @Test
    void deleteCancelsARunningJobWhichEndsCancelledWithItsReason() throws Exception {
        FakeStep ingester = FakeStep.runningUntilReleased();
        runner.on(StepName.INGESTER, ingester);
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();

        ApiClient.Answer cancel = api.method("DELETE", PATH + "?jobId=" + jobId);
        JsonNode done = api.awaitFinished(jobId);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json().get("jobId").asText()).isEqualTo(jobId);
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.get("success").asBoolean()).isFalse();
        assertThat(done.get("error").asText()).isEqualTo("The job was cancelled on request.");
        assertThat(done.get("steps").get(0).get("status").asText()).isEqualTo("cancelled");
        assertThat(done.get("steps").get(1).get("status").asText()).isEqualTo("skipped");
        assertThat(ingester.wasStopped()).isTrue();
        assertThat(api.method("DELETE", PATH + "?jobId=" + jobId).status()).isEqualTo(202);
    }

    @Test
    void cancellingAFinishedJobIsAConflictAndAnUnknownOneIsNotFound() throws Exception {
        String jobId = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        api.awaitFinished(jobId);

        ApiClient.Answer finished = api.method("DELETE", PATH + "?jobId=" + jobId);
        ApiClient.Answer unknown = api.method("DELETE", PATH + "?jobId=dbt-1-zzzzzz");
        ApiClient.Answer malformed = api.method("DELETE", PATH + "?jobId=../etc");
        ApiClient.Answer missing = api.method("DELETE", PATH);

        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.error()).contains("has already finished (completed)");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(api.job(jobId).json().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstJobInsteadOfAConflict() {
        runner.on(StepName.DBT, FakeStep.runningUntilReleased());

        ApiClient.Answer first = triggerWithKey("{\"pipeline\": \"dbt\", \"command\": \"build\"}", "nightly-42");
        ApiClient.Answer retry = triggerWithKey("{\"command\": \"build\", \"pipeline\": \"dbt\"}", "nightly-42");

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("jobId").asText()).isEqualTo(first.json().get("jobId").asText());
        assertThat(api.jobIds()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessableAndChangesNothing() {
        runner.on(StepName.DBT, FakeStep.runningUntilReleased());
        triggerWithKey("{\"pipeline\": \"dbt\"}", "k-7");

        ApiClient.Answer other = triggerWithKey("{\"pipeline\": \"ingester\"}", "k-7");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("success").asBoolean()).isFalse();
        assertThat(other.error()).contains("Idempotency-Key \"k-7\" was already used");
        assertThat(api.jobIds()).hasSize(1);
    }

    @Test
    void aKeyThatIsNotVisibleAsciiIsABadRequest() {
        ApiClient.Answer answer = triggerWithKey("{\"pipeline\": \"dbt\"}", "x".repeat(300));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(api.jobIds()).isEmpty();
    }

    @Test
    void aTimeoutInTheRequestIsShownInTheJobView() throws Exception {
        runner.on(StepName.DBT, FakeStep.runningUntilReleased());

        JsonNode accepted = api.trigger("{\"pipeline\": \"dbt\", \"timeoutSeconds\": 1}").json();
        JsonNode done = api.awaitFinished(accepted.get("jobId").asText());

        assertThat(accepted.get("timeoutSeconds").asLong()).isEqualTo(1);
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).isEqualTo("Step dbt timed out after 1s.");
    }
}
