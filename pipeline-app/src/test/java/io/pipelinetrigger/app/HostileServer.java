package io.pipelinetrigger.app;

import io.pipelinetrigger.app.config.AppConfigTest;
import io.pipelinetrigger.app.http.HttpLimits;
import io.pipelinetrigger.app.run.PipelineApplication;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server for the hostile-input suites: Grizzly with the app's limits (shortened so that slow clients
 * are seen dropped in a second), Jersey, the REST adapter and the facade, in-process on a loopback port, with
 * an API token, a fake runner and an in-memory store so that "nothing ran" can be checked.
 */
final class HostileServer implements AutoCloseable {

    static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    static final String PATH = "/api/data-analytics/pipeline/trigger";
    static final HttpLimits QUICK = new HttpLimits(8 * 1024, 64, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(1), 64 * 1024);

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private final PipelineApplication application;
    private final PlainClient client;

    private HostileServer(HttpLimits limits) {
        application = PipelineApplication.start(AppConfigTest.config("HOST", "127.0.0.1", "PORT", "0",
                "PIPELINE_ENABLED", "true", "PIPELINE_API_TOKEN", TOKEN), limits, runner, jobs);
        client = new PlainClient(application.port(), TOKEN);
    }

    static HostileServer start(HttpLimits limits) {
        return new HostileServer(limits);
    }

    int port() {
        return application.port();
    }

    /** A client that sends the valid token. */
    PlainClient client() {
        return client;
    }

    /** After a burst: the server answers, no job was created and no step was started. */
    void assertStillAnswersAndNothingRan() {
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        PlainClient.Answer list = client.get(PATH);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"jobs\":[]");
        assertThat(jobs.findAll()).as("no job was created").isEmpty();
        assertThat(runner.startedSteps()).as("no step was started").isEmpty();
    }

    @Override
    public void close() {
        application.stop();
    }
}
