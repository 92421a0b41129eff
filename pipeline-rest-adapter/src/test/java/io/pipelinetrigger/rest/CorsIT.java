package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS only for the listed origins: preflight answered without a token, the real call still needs one. */
class CorsIT {

    private static final String ALLOWED = "https://ops.example.com";
    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";

    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        server = ApiServer.with(new FakeContainerRunner(), options -> options.apiEnabled(true)
                .tokens(ApiTokens.of(List.of(TOKEN))).corsOrigins(List.of(ALLOWED, "http://localhost:8080")));
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aPreflightFromAListedOriginIsAnsweredWithoutAToken() {
        ApiClient.Answer preflight = api.call("OPTIONS", ApiClient.PATH, null, "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("Authorization, Content-Type, Idempotency-Key");
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).hasSize(1);
    }

    @Test
    void theCallAfterThePreflightStillNeedsTheTokenAndItsAnswerIsReadableByThePage() {
        ApiClient.Answer refused = api.call("GET", ApiClient.PATH, null, "Origin", ALLOWED);
        assertError(refused, 401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);

        ApiClient.Answer listed = api.call("GET", ApiClient.PATH, null, "Origin", ALLOWED, "Authorization", "Bearer " + TOKEN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(listed.headers().firstValue("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));
    }

    @Test
    void anotherOriginGetsNoCorsHeaderAtAll() {
        ApiClient.Answer preflight = api.call("OPTIONS", ApiClient.PATH, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        ApiClient.Answer call = api.call("GET", ApiClient.PATH, null, "Origin", "https://ops.example.com.evil.example",
                "Authorization", "Bearer " + TOKEN);

        for (ApiClient.Answer answer : List.of(preflight, call)) {
            assertThat(answer.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        assertError(preflight, 401);
    }

    @Test
    void aPreflightForAMethodTheApiDoesNotOfferIsNotAnswered() {
        ApiClient.Answer preflight = api.call("OPTIONS", ApiClient.PATH, null, "Origin", ALLOWED,
                "Access-Control-Request-Method", "PUT");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        assertError(preflight, 401);
    }
}
