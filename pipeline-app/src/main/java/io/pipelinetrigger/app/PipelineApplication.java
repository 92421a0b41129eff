package io.pipelinetrigger.app;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root, by hand: runner, facade, HTTP server. {@link #stop()} is what SIGTERM runs: stop
 * taking requests, stop the running steps and record their jobs as failed with the shutdown reason.
 */
final class PipelineApplication {

    private static final System.Logger LOG = System.getLogger(PipelineApplication.class.getName());
    static final Duration HTTP_GRACE = Duration.ofSeconds(3);
    static final Duration JOB_END_WAIT = Duration.ofSeconds(5);

    private final ContainerRunner runner;
    private final PipelineTrigger trigger;
    private final PipelineServer server;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private PipelineApplication(ContainerRunner runner, PipelineTrigger trigger, PipelineServer server) {
        this.runner = runner;
        this.trigger = trigger;
        this.server = server;
    }

    static PipelineApplication start(AppConfig config) {
        return start(config, RunnerFactory.create(config.runner()), new InMemoryJobRepository());
    }

    /** Starts on a given runner and store: how tests swap in a fake runner and look at the jobs. */
    static PipelineApplication start(AppConfig config, ContainerRunner runner, JobRepository repository) {
        PipelineTrigger trigger = PipelineTrigger.builder()
                .containerRunner(runner)
                .jobRepository(repository)
                .defaultFlags(config.defaultFlags())
                .outputLimitBytes(config.outputLimitBytes())
                .retention(config.jobRetention())
                .build();
        try {
            PipelineServer server = PipelineServer.start(config.host(), config.port(), trigger, config.enabled());
            LOG.log(System.Logger.Level.INFO, "pipeline-trigger listening on " + server.uri());
            return new PipelineApplication(runner, trigger, server);
        } catch (RuntimeException e) {
            trigger.close();
            closeRunner(runner);
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    /** Idempotent; returns when every job's end is recorded or the waits ran out. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            LOG.log(System.Logger.Level.INFO, "shutting down: no new requests; running steps are being stopped");
            server.stop(HTTP_GRACE);
            if (!trigger.shutdown(JOB_END_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "a job did not record its end in time; it is left as it was");
            }
            trigger.close();
            closeRunner(runner);
            LOG.log(System.Logger.Level.INFO, "pipeline-trigger stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeRunner(ContainerRunner runner) {
        if (runner instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "the runner did not close cleanly: " + e.getMessage());
            }
        }
    }
}
