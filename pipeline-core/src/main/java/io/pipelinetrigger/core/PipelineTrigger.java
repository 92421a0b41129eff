package io.pipelinetrigger.core;

import io.pipelinetrigger.core.application.PipelineServices;
import io.pipelinetrigger.core.application.TriggerSettings;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The one door for embedders: trigger, poll and list pipeline runs. Build it with a {@link ContainerRunner}
 * (process, Docker, or a fake in tests); everything else has a default. Close it to stop running steps and
 * record their end.
 */
public final class PipelineTrigger implements TriggerPipelineUseCase, GetJobQuery, ListJobsQuery, AutoCloseable {

    /** The reason a job carries when the server stopped it on shutdown. */
    public static final String SHUTDOWN_REASON = "The job was stopped because the server shut down.";

    private final PipelineServices services;
    private final Duration stopGrace;

    private PipelineTrigger(PipelineServices services, Duration stopGrace) {
        this.services = services;
        this.stopGrace = stopGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Job trigger(TriggerPipelineCommand command) {
        return services.trigger().trigger(command);
    }

    @Override
    public Job getJob(JobId id) {
        return services.queries().getJob(id);
    }

    @Override
    public List<Job> listJobs() {
        return services.queries().listJobs();
    }

    /**
     * Refuses new triggers, stops running steps and waits until their jobs' ends are recorded (at most the
     * stop grace plus {@code extraWait}).
     *
     * @return true when every job ended in time
     */
    public boolean shutdown(Duration extraWait) throws InterruptedException {
        return services.shutdown(SHUTDOWN_REASON, stopGrace.plus(extraWait));
    }

    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }

    /** Knobs with the defaults of DESIGN §4; only the runner is required. */
    public static final class Builder {
        private ContainerRunner runner;
        private JobRepository repository;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random;
        private FeatureFlags defaultFlags = FeatureFlags.ALL_ENABLED;
        private int outputLimitBytes = 10_240;
        private Duration retention = Duration.ofHours(1);
        private Duration stopGrace = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder containerRunner(ContainerRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Defaults to a fresh {@link InMemoryJobRepository}. */
        public Builder jobRepository(JobRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where the random part of job ids comes from; defaults to a {@link SecureRandom}. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder defaultFlags(FeatureFlags defaultFlags) {
            this.defaultFlags = Objects.requireNonNull(defaultFlags, "defaultFlags");
            return this;
        }

        public Builder outputLimitBytes(int outputLimitBytes) {
            this.outputLimitBytes = outputLimitBytes;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
            return this;
        }

        public PipelineTrigger build() {
            if (runner == null) {
                throw new IllegalStateException("PipelineTrigger needs a containerRunner");
            }
            TriggerSettings settings = new TriggerSettings(defaultFlags, outputLimitBytes, retention, stopGrace);
            PipelineServices services = new PipelineServices(
                    repository != null ? repository : new InMemoryJobRepository(), runner, clock,
                    random != null ? random : new SecureRandom(), settings);
            return new PipelineTrigger(services, stopGrace);
        }
    }
}
