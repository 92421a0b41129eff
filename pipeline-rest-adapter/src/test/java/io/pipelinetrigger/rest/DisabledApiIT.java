package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** PIPELINE_ENABLED not true: every call of the API is 403, whatever it asks, and nothing runs. */
class DisabledApiIT {

    private static final String DISABLED = "The pipeline API is disabled (PIPELINE_ENABLED is not true).";

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        server = ApiServer.disabled(runner);
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aValidTriggerIs403AndStartsNothing() {
        assertThat(assertError(api.trigger("{\"pipeline\": \"dbt\"}"), 403)).isEqualTo(DISABLED);
        assertThat(runner.startedSteps()).isEmpty();
    }

    @Test
    void pollingAJobIs403() {
        assertThat(assertError(api.job("dbt-1710460800000-abc123"), 403)).isEqualTo(DISABLED);
    }

    @Test
    void listingTheJobsIs403() {
        assertThat(assertError(api.jobs(), 403)).isEqualTo(DISABLED);
    }

    @Test
    void requestsThatWouldBeOtherErrorsAreStill403() {
        assertError(api.trigger("{\"pipeline\": \"spark\"}"), 403);
        assertError(api.trigger("not json"), 403);
        assertError(api.job("not-an-id"), 403);
        assertError(api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "text/plain"), 403);
        assertError(api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofByteArray(
                ErrorResponsesIT.paddedTrigger(TriggerRequestDecoder.MAX_BODY_BYTES + 1)), "Content-Type", "application/json"), 403);
        assertError(api.get(ApiClient.PATH + "/below"), 403);
        assertThat(runner.startedSteps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void everyOtherMethodIs403(String method) {
        assertError(api.method(method, ApiClient.PATH), 403);
    }

    @Test
    void pathsOutsideTheApiAreNotItsBusiness() {
        assertError(api.get("/somewhere-else"), 404);
    }
}
