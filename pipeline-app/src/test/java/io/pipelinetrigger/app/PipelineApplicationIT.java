package io.pipelinetrigger.app;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring in one JVM: real Grizzly on a free port, the REST feature, the facade, a fake runner. */
class PipelineApplicationIT {

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

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void stoppingTwiceIsHarmless() {
        start(new FakeContainerRunner());
        application.stop();
        application.stop();
    }
}
