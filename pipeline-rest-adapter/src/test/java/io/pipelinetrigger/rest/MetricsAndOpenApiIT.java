package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics} and {@code /openapi.json}: who may read them, and what they answer. */
class MetricsAndOpenApiIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String SCRAPE = "# TYPE pipeline_trigger_runs_active gauge\npipeline_trigger_runs_active 0.0\n";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final List<ApiServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ApiServer::close);
    }

    private ApiClient server(boolean tokens, boolean metricsOpen, boolean enabled) {
        ApiServer server = ApiServer.with(runner, options -> {
            options.apiEnabled(enabled).metrics(() -> SCRAPE, TEXT_FORMAT, metricsOpen);
            return tokens ? options.tokens(ApiTokens.of(List.of(TOKEN))) : options;
        });
        servers.add(server);
        return server.client();
    }

    @Test
    void withTokensTheMetricsAndTheDocumentNeedOne() {
        ApiClient api = server(true, false, true);

        assertThat(assertError(api.get("/metrics"), 401)).isEqualTo(BearerTokenFilter.MISSING);
        assertThat(assertError(api.get("/openapi.json"), 401)).isEqualTo(BearerTokenFilter.MISSING);
        ApiClient.Answer metrics = api.call("GET", "/metrics", null, "Authorization", "Bearer " + TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4", "charset=utf-8");
        assertThat(metrics.body()).isEqualTo(SCRAPE);
        assertThat(api.call("GET", "/openapi.json", null, "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void anOperatorCanOpenTheMetricsWhileTheApiKeepsItsToken() {
        ApiClient api = server(true, true, true);

        assertThat(api.get("/metrics").status()).isEqualTo(200);
        assertError(api.jobs(), 401);
        assertError(api.get("/openapi.json"), 401);
    }

    @Test
    void aDisabledServerIsStillWatchedAndDocumented() {
        ApiClient api = server(false, false, false);

        assertThat(api.get("/metrics").body()).isEqualTo(SCRAPE);
        assertThat(api.get("/openapi.json").status()).isEqualTo(200);
        assertError(api.jobs(), 403);
    }

    @Test
    void theMetricsAreNotServedUnlessTheApplicationGivesARegistry() {
        ApiServer plain = ApiServer.enabled(runner);
        servers.add(plain);

        assertError(plain.client().get("/metrics"), 404);
    }

    @Test
    void theDocumentIsOpenApi31AndDescribesEveryRouteWithItsErrors() {
        ApiClient.Answer answer = server(false, false, true).get("/openapi.json");
        JsonNode document = answer.json();

        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        String api = PipelineTriggerFeature.API_PATH;
        assertThat(iterable(document.path("paths").fieldNames())).contains(api, api + "/log", "/healthz", "/metrics",
                "/openapi.json");
        Map<String, List<String>> methods = Map.of(api, List.of("post", "get", "delete"), api + "/log", List.of("get"));
        methods.forEach((path, verbs) -> verbs.forEach(verb -> {
            JsonNode responses = document.path("paths").path(path).path(verb).path("responses");
            assertThat(iterable(responses.fieldNames())).as("%s %s", verb, path).contains("400", "401", "403", "500");
            responses.fields().forEachRemaining(status -> {
                if (status.getKey().startsWith("4") || status.getKey().startsWith("5")) {
                    assertThat(status.getValue().path("content").path("application/json").path("schema")
                            .path("$ref").asText()).as("%s %s %s", verb, path, status.getKey())
                            .isEqualTo("#/components/schemas/Error");
                }
            });
        }));
        assertThat(document.path("components").path("schemas").path("Job").path("required").toString())
                .contains("\"jobId\"", "\"status\"", "\"outcome\"", "\"trigger\"", "\"steps\"");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
