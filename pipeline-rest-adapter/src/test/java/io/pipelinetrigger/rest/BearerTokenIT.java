package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** With tokens configured: missing, wrong, wrong length and right tokens, and the throttle per client address. */
class BearerTokenIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String NEXT_TOKEN = "b1d8e6f4a2c07935e8d1f6a3c4b29071";
    private static final String JSON = "application/json";
    private static final String TRIGGER = "{\"pipeline\": \"dbt\"}";

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        // the test tells the client address in a header, so one test can be several clients
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true)
                .tokens(ApiTokens.of(List.of(TOKEN, NEXT_TOKEN)))
                .clientAddress(request -> request.getHeaderString("X-Test-Client")));
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void withoutATokenEveryCallIs401WithABearerChallengeAndNothingRuns() {
        for (ApiClient.Answer answer : List.of(api.trigger(TRIGGER), api.jobs(), api.job("dbt-1710460800000-abc123"),
                api.method("DELETE", ApiClient.PATH + "?jobId=dbt-1710460800000-abc123"), api.method("PUT", ApiClient.PATH))) {
            assertThat(assertError(answer, 401)).isEqualTo(BearerTokenFilter.MISSING);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"pipeline-trigger\"");
        }
        assertThat(runner.startedSteps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer 3f9c2a7d51e84b06a1c9d2e7f0b3a846", "Bearer 3f9c2a7d51e84b06a1c9d2e7f0b3a84",
            "Bearer 3f9c2a7d51e84b06a1c9d2e7f0b3a8450000", "Bearer x", "Bearer " + "0123456789abcdef0123456789abcdef"})
    void aWrongOrWrongLengthTokenIs401InvalidToken(String authorization) {
        ApiClient.Answer answer = api.call("POST", ApiClient.PATH, TRIGGER, "Content-Type", JSON,
                "Authorization", authorization);

        assertThat(assertError(answer, 401)).isEqualTo(BearerTokenFilter.WRONG);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"pipeline-trigger\", error=\"invalid_token\"");
        assertThat(runner.startedSteps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "3f9c2a7d51e84b06a1c9d2e7f0b3a845", "Bearer", "Token 3f9c2a7d51e84b06a1c9d2e7f0b3a845"})
    void anAuthorizationThatIsNotBearerIs401SayingHowToSendIt(String authorization) {
        assertThat(assertError(api.call("GET", ApiClient.PATH, null, "Authorization", authorization), 401))
                .isEqualTo(BearerTokenFilter.NOT_BEARER);
    }

    @Test
    void theRightTokenIsLetInAndEitherTokenWorksDuringARotation() {
        ApiClient.Answer accepted = api.call("POST", ApiClient.PATH, TRIGGER, "Content-Type", JSON,
                "Authorization", "Bearer " + TOKEN);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        ApiClient.Answer listed = api.call("GET", ApiClient.PATH, null, "Authorization", "bearer " + NEXT_TOKEN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("jobs")).hasSize(1);
    }

    @Test
    void aClientWithoutTokenLearnsNothingElseNotEvenWhetherTheBodyOrMethodIsWrong() {
        assertError(api.call("POST", ApiClient.PATH, "not json", "Content-Type", "text/plain"), 401);
        assertError(api.call("PATCH", ApiClient.PATH, null), 401);
    }

    @Test
    void theHealthCheckNeedsNoToken() {
        ApiClient.Answer health = api.get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void onlyAValidTokenSeesTheHealthDetailAndAWrongOneIsNeverRefusedButCounted() {
        runner.imagesMissing("Not on the Docker engine: dbt:1.8 (step dbt); pull or build it there.");

        ApiClient.Answer withToken = api.call("GET", PipelineTriggerFeature.HEALTH_PATH, null, "Authorization", "Bearer " + TOKEN);
        ApiClient.Answer without = api.get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(withToken.status()).isEqualTo(503);
        assertThat(withToken.body()).isEqualTo("{\"status\":\"unavailable\",\"checks\":{\"store\":\"ok\",\"runner\":\"ok\","
                + "\"images\":\"Not on the Docker engine: dbt:1.8 (step dbt); pull or build it there.\",\"network\":\"ok\"}}");
        assertThat(without.body()).isEqualTo("{\"status\":\"unavailable\"}");
        for (int i = 0; i < FailureThrottle.MAX_FAILURES; i++) {
            ApiClient.Answer wrong = api.call("GET", PipelineTriggerFeature.HEALTH_PATH, null, "X-Test-Client", "192.0.2.68",
                    "Authorization", "Bearer wrong-token-number-" + i);
            assertThat(wrong.status()).isEqualTo(503);
            assertThat(wrong.body()).isEqualTo("{\"status\":\"unavailable\"}");
        }
        assertThat(api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.68",
                "Authorization", "Bearer " + TOKEN).status()).as("guessing through /healthz is throttled too").isEqualTo(429);
    }

    @Test
    void tenWrongTokensFromOneAddressBlockItWith429WhileOtherAddressesGoOn() {
        for (int i = 0; i < FailureThrottle.MAX_FAILURES; i++) {
            assertError(api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.66",
                    "Authorization", "Bearer wrong-token-number-" + i), 401);
        }

        ApiClient.Answer blocked = api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.66",
                "Authorization", "Bearer " + TOKEN);
        assertThat(assertError(blocked, 429)).startsWith("Too many requests with a wrong token");
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));

        assertThat(api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.67",
                "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void missingTokensAreNotCountedAsGuesses() {
        for (int i = 0; i < 2 * FailureThrottle.MAX_FAILURES; i++) {
            assertError(api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.70"), 401);
        }

        assertThat(api.call("GET", ApiClient.PATH, null, "X-Test-Client", "192.0.2.70",
                "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }
}
