package io.pipelinetrigger.app;

import io.pipelinetrigger.app.config.AppConfigTest;
import io.pipelinetrigger.app.run.PipelineApplication;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.rest.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as wired: real runs on a fake runner, then {@code /metrics} scraped as Prometheus would. */
class MetricsIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String API = "/api/data-analytics/pipeline/trigger";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PipelineApplication application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.stop();
        }
    }

    private void start(FakeContainerRunner runner, String... overrides) {
        List<String> settings = new ArrayList<>(List.of("HOST", "127.0.0.1", "PORT", "0", "PIPELINE_ENABLED", "true",
                "PIPELINE_API_TOKEN", TOKEN));
        settings.addAll(List.of(overrides));
        application = PipelineApplication.start(AppConfigTest.config(settings.toArray(String[]::new)), runner,
                new InMemoryJobRepository());
    }

    @Test
    void aScrapeAfterRealRunsCountsThemByOutcomeWithTheirDurationsRefusalsAndHttpRequests() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner();
        start(runner);
        runner.on(StepName.DBT, FakeStep.exiting(0));
        awaitEnd(trigger("{\"pipeline\": \"dbt\"}"));
        awaitEnd(trigger("{\"pipeline\": \"dbt\"}"));
        runner.on(StepName.DBT, FakeStep.exiting(1));
        awaitEnd(trigger("{\"pipeline\": \"dbt\"}"));
        FakeStep held = FakeStep.runningUntilReleased();
        runner.on(StepName.INGESTER, held);
        String running = trigger("{\"pipeline\": \"ingester\"}");
        assertThat(send("POST", API, "{\"pipeline\": \"full\"}", true).statusCode()).isEqualTo(409);

        String during = scrape();
        held.finish();
        awaitEnd(running);
        String after = scrape();

        assertThat(sample(after, "pipeline_trigger_runs_total{outcome=\"succeeded\",pipeline=\"dbt\"}")).isEqualTo(2);
        assertThat(sample(after, "pipeline_trigger_runs_total{outcome=\"errored\",pipeline=\"dbt\"}")).isEqualTo(1);
        assertThat(sample(after, "pipeline_trigger_runs_total{outcome=\"succeeded\",pipeline=\"ingester\"}")).isEqualTo(1);
        assertThat(sample(after, "pipeline_trigger_run_duration_seconds_count{outcome=\"succeeded\",pipeline=\"dbt\"}"))
                .isEqualTo(2);
        assertThat(sample(after, "pipeline_trigger_step_duration_seconds_count{pipeline=\"dbt\",status=\"completed\",step=\"dbt\"}"))
                .isEqualTo(3);
        assertThat(sample(after, "pipeline_trigger_last_success_seconds{pipeline=\"dbt\"}")).isPositive();
        assertThat(sample(after, "pipeline_trigger_busy_refusals_total{pipeline=\"full\"}")).isEqualTo(1);
        assertThat(sample(during, "pipeline_trigger_runs_active")).isEqualTo(1);
        assertThat(sample(after, "pipeline_trigger_runs_active")).isZero();
        assertThat(sample(after, "http_server_requests_seconds_count{method=\"POST\",route=\"/" + API.substring(1)
                + "\",status=\"409\"}")).isEqualTo(1);
        assertThat(after).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @Test
    void theMetricsNeedTheTokenUnlessTheOperatorOpensThem() throws Exception {
        start(new FakeContainerRunner());
        assertThat(send("GET", "/metrics", null, false).statusCode()).isEqualTo(401);
        application.stop();

        start(new FakeContainerRunner(), "PIPELINE_METRICS_OPEN", "true");
        HttpResponse<String> open = send("GET", "/metrics", null, false);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("pipeline_trigger_runs_active");
        assertThat(send("GET", API, null, false).statusCode()).isEqualTo(401);
    }

    private String trigger(String body) throws Exception {
        HttpResponse<String> answer = send("POST", API, body, true);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return answer.body().replaceAll("(?s).*\"jobId\":\"([^\"]+)\".*", "$1");
    }

    private void awaitEnd(String jobId) throws Exception {
        HttpResponse<String> answer = send("GET", API + "?jobId=" + jobId + "&wait=30", null, true);
        assertThat(answer.body()).as(answer.body()).doesNotContain("\"status\":\"running\"");
    }

    private String scrape() throws Exception {
        HttpResponse<String> answer = send("GET", "/metrics", null, true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return answer.body();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean withToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .timeout(Duration.ofSeconds(40))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.check(response);
        return response;
    }

    private static double sample(String scrape, String series) {
        return Arrays.stream(scrape.split("\n")).filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + scrape));
    }
}
