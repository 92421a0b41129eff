package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /healthz}: ok or unavailable, no token, whatever PIPELINE_ENABLED says; each check by name only where
 * the detail is open (tokens: see BearerTokenIT).
 */
class HealthIT {

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aReachableRunnerAndAWritableStoreAre200Ok() {
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true));

        ApiClient.Answer health = server.client().get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(health.contentType()).isEqualToIgnoringCase("application/json;charset=UTF-8");
        assertThat(health.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void anUnreachableRunnerIs503UnavailableWithoutSayingWhy() {
        runner.unreachable("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.");
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true));

        ApiClient.Answer health = server.client().get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"unavailable\"}");
    }

    @Test
    void aMissingNetworkIs503AndWithTheDetailOpenEachCheckIsNamed() {
        runner.networkMissing("Network lake (PIPELINE_DOCKER_NETWORK) is not on the Docker engine.");
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true).healthDetailOpen(true));

        ApiClient.Answer health = server.client().get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"unavailable\",\"checks\":{\"store\":\"ok\",\"runner\":\"ok\","
                + "\"images\":\"ok\",\"network\":\"Network lake (PIPELINE_DOCKER_NETWORK) is not on the Docker engine.\"}}");
    }

    @Test
    void withoutATokenAMissingImageIs503WithoutSayingWhy() {
        runner.imagesMissing("Not on the Docker engine: dbt:1.8 (step dbt); pull or build it there.");
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true));

        ApiClient.Answer health = server.client().get(PipelineTriggerFeature.HEALTH_PATH);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"unavailable\"}");
    }

    @Test
    void itAnswersWhileTheApiIsDisabled() {
        server = ApiServer.with(runner, options -> options.apiEnabled(false).healthEndpoint(true));

        assertThat(server.client().get(PipelineTriggerFeature.HEALTH_PATH).status()).isEqualTo(200);
        assertError(server.client().jobs(), 403);
    }

    @Test
    void itIsNotServedUnlessAsked() {
        server = ApiServer.enabled(runner);

        assertError(server.client().get(PipelineTriggerFeature.HEALTH_PATH), 404);
    }

    @Test
    void otherMethodsAre405() {
        server = ApiServer.with(runner, options -> options.apiEnabled(true).healthEndpoint(true));

        assertError(server.client().call("POST", PipelineTriggerFeature.HEALTH_PATH, "{}", "Content-Type", "application/json"), 405);
    }
}
