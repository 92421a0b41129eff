package io.pipelinetrigger.app;

import io.pipelinetrigger.app.config.AppConfigTest;
import io.pipelinetrigger.app.run.PipelineApplication;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.rest.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring in one JVM: real Grizzly on a free port, the REST feature, the facade, a fake runner. */
class PipelineApplicationIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String API = "/api/data-analytics/pipeline/trigger";

    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private PipelineApplication application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.stop();
        }
    }

    private ApiClient start(FakeContainerRunner runner, String... overrides) {
        List<String> settings = new ArrayList<>(List.of("HOST", "127.0.0.1", "PORT", "0"));
        settings.addAll(List.of(overrides));
        application = PipelineApplication.start(AppConfigTest.config(settings.toArray(String[]::new)), runner, jobs);
        return new ApiClient(application.port());
    }

    @Test
    void portZeroBindsAFreePortAndTheApiAnswersOnIt() {
        ApiClient api = start(new FakeContainerRunner(), "PIPELINE_ENABLED", "true");
        assertThat(application.port()).isPositive();
        ApiClient.Answer list = api.jobs();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("success").asBoolean()).isTrue();
    }

    @Test
    void withoutPipelineEnabledEveryCallIsRefusedWith403() {
        ApiClient api = start(new FakeContainerRunner());
        assertThat(api.jobs().status()).isEqualTo(403);
        assertThat(api.trigger("{\"pipeline\": \"full\"}").status()).isEqualTo(403);
        assertThat(jobs.findAll()).isEmpty();
    }

    @Test
    void theServerDefaultsOfTheFlagsReachTheDbtStep() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner();
        ApiClient api = start(runner, "PIPELINE_ENABLED", "true", "ENABLE_OPENLINEAGE", "false");
        String jobId = api.trigger("{\"pipeline\": \"dbt\"}").body().path("jobId").asText();
        api.awaitFinished(jobId, Duration.ofSeconds(10));
        assertThat(runner.startedSteps()).singleElement().satisfies(spec -> {
            assertThat(spec.environment()).containsEntry("ENABLE_OPENLINEAGE", "false").containsEntry("ENABLE_ELEMENTARY", "true");
            assertThat(spec.arguments()).containsExactly("daily");
        });
    }

    @Test
    void stoppingTheApplicationStopsTheRunningStepAndRecordsItsJobAsFailed() throws Exception {
        FakeStep ingester = FakeStep.runningUntilReleased();
        ApiClient api = start(new FakeContainerRunner().on(StepName.INGESTER, ingester), "PIPELINE_ENABLED", "true");
        String jobId = api.trigger("{\"pipeline\": \"full\"}").body().path("jobId").asText();
        ingester.awaitStarted();

        application.stop();

        assertThat(ingester.wasStopped()).isTrue();
        Job job = jobs.findAll().get(0);
        assertThat(job.id().value()).isEqualTo(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains(PipelineTrigger.SHUTDOWN_REASON);
    }

    @Test
    void aPostFromAClientThatAsksForH2cIsAnsweredAsHttp11EvenWithAChunkedBody() throws Exception {
        start(new FakeContainerRunner(), "PIPELINE_ENABLED", "true");
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        byte[] body = "{\"pipeline\": \"ingester\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port()
                        + "/api/data-analytics/pipeline/trigger"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = http2.send(chunked, HttpResponse.BodyHandlers.ofString());
        // the whole answer, Content-Type included, which a bare Grizzly drops for an upgrade wish (docs/embedding.md)
        OpenApiContract.check(response);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void withATokenEveryApiCallNeedsItButTheHealthCheckDoesNot() {
        start(new FakeContainerRunner(), "PIPELINE_ENABLED", "true", "PIPELINE_API_TOKEN", TOKEN);
        PlainClient withToken = new PlainClient(application.port(), TOKEN);
        PlainClient withoutToken = withToken.withoutToken();

        assertThat(withoutToken.get(API).status()).isEqualTo(401);
        assertThat(withoutToken.postJson(API, "{\"pipeline\": \"dbt\"}").status()).isEqualTo(401);
        assertThat(withToken.get(API).status()).isEqualTo(200);
        assertThat(withoutToken.get("/healthz")).isEqualTo(new PlainClient.Answer(200, "{\"status\":\"ok\"}"));
        assertThat(jobs.findAll()).isEmpty();
    }

    @Test
    void theHealthCheckIs503WhenTheRunnerCannotBeReachedAndAnswersWhileTheApiIsDisabled() {
        start(new FakeContainerRunner().unreachable("Cannot connect to the Docker daemon."), "PIPELINE_REPLICA_ID", "web-1",
                "PIPELINE_RUNNER", "docker", "PIPELINE_INSTANCE", "prod", "PIPELINE_INGESTER_IMAGE", "acme/ingester:1", "PIPELINE_DBT_IMAGE", "acme/dbt:1");

        // a loopback server without tokens shows every check's reason, its instance name and replica id
        // (docs/operations.md, "Health")
        assertThat(new PlainClient(application.port(), TOKEN).withoutToken().get("/healthz"))
                .isEqualTo(new PlainClient.Answer(503, "{\"status\":\"unavailable\",\"checks\":{\"store\":\"ok\","
                        + "\"runner\":\"Cannot connect to the Docker daemon.\",\"images\":\"not checked: the runner does not answer.\","
                        + "\"network\":\"not checked: the runner does not answer.\"},\"instance\":\"prod\",\"replica\":\"web-1\"}"));
    }

    @Test
    void aJobsOutputHasNoColourCodesNoRawControlCharactersAndNoSecrets(@TempDir Path dir) throws Exception {
        Path dbtEnv = Files.writeString(dir.resolve("dbt.env"), "DBT_PASSWORD=correct-horse-battery\nDBT_THREADS=4\n");
        FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, FakeStep.printing(
                "\u001b[32mOK\u001b[0m connected with correct-horse-battery as analyst, 4 threads",
                "api token " + TOKEN + ", listed secret tiny!, bell\u0007 done"));
        start(runner, "PIPELINE_ENABLED", "true", "PIPELINE_API_TOKEN", TOKEN, "PIPELINE_REDACT", "tiny!",
                "PIPELINE_DBT_ENV_FILE", dbtEnv.toString());
        PlainClient api = new PlainClient(application.port(), TOKEN);
        String jobId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(api.postJson(API, "{\"pipeline\": \"dbt\"}").body()).path("jobId").asText();

        String output = awaitOutput(api, jobId);

        assertThat(output).contains("OK connected with [REDACTED] as analyst, 4 threads",
                "api token [REDACTED], listed secret [REDACTED], bell\\x07 done");
        assertThat(output).doesNotContain("\u001b", "\u0007", "correct-horse-battery", TOKEN, "tiny!");
    }

    private String awaitOutput(PlainClient api, String jobId) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            com.fasterxml.jackson.databind.JsonNode job = json.readTree(api.get(API + "?jobId=" + jobId).body());
            if (!job.path("status").asText().equals("running")) {
                return job.path("output").asText();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    @Test
    void stoppingTwiceIsHarmless() {
        start(new FakeContainerRunner());
        application.stop();
        application.stop();
    }
}
