package io.pipelinetrigger.core;

import io.pipelinetrigger.core.application.PipelineServices;
import io.pipelinetrigger.core.application.LeaseSettings;
import io.pipelinetrigger.core.application.TaskTurns;
import io.pipelinetrigger.core.application.TriggerSettings;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.application.WebhookSettings;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobPage;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.OutputLimit;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.in.ListDeliveriesQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.ListSchedulesQuery;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.JobEventFormat;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * The one door for embedders: trigger, poll, list and cancel pipeline runs. Build it with a
 * {@link ContainerRunner} (process, Docker, or a fake in tests); everything else has a default. Close it to stop
 * running steps and record their end.
 */
public final class PipelineTrigger implements TriggerPipelineUseCase, GetJobQuery, ListJobsQuery, CancelJobUseCase,
        HealthQuery, ReadLogQuery, ListDeliveriesQuery, WatchJobQuery, ListSchedulesQuery, AutoCloseable {

    /** The reason a job carries when the server stopped it on shutdown. */
    public static final String SHUTDOWN_REASON = "The job was stopped because the server shut down.";

    // the use cases themselves: each call is answered one hop from here
    private final TriggerPipelineUseCase triggers;
    private final GetJobQuery jobs;
    private final ListJobsQuery jobList;
    private final CancelJobUseCase cancels;
    private final HealthQuery healthQuery;
    private final ReadLogQuery logs;
    private final WatchJobQuery watches;
    private final ListDeliveriesQuery deliveryLog;
    private final ListSchedulesQuery scheduleList;
    /** Recovery, housekeeping and shutdown of the threads behind the use cases. */
    private final PipelineServices lifecycle;

    private PipelineTrigger(PipelineServices services) {
        this.triggers = services.trigger();
        this.jobs = services.getJob();
        this.jobList = services.listJobs();
        this.cancels = services.cancel();
        this.healthQuery = services.health();
        this.logs = services.readLog();
        this.watches = services.watchJob();
        this.deliveryLog = services.deliveries();
        this.scheduleList = services.schedules();
        this.lifecycle = services;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        return triggers.trigger(command, idempotencyKey);
    }

    @Override
    public TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        return triggers.submit(command, idempotencyKey);
    }

    @Override
    public Job getJob(JobId id) {
        return jobs.getJob(id);
    }

    @Override
    public OptionalInt queuePosition(JobId id) {
        return jobs.queuePosition(id);
    }

    @Override
    public CompletionStage<Job> awaitEnd(JobId id, Duration atMost) {
        return jobs.awaitEnd(id, atMost);
    }

    @Override
    public JobPage listJobs(JobFilter filter) {
        return jobList.listJobs(filter);
    }

    @Override
    public List<Job> listJobs() {
        return jobList.listJobs();
    }

    @Override
    public Job cancel(JobId id) {
        return cancels.cancel(id);
    }

    @Override
    public Health health() {
        return healthQuery.health();
    }

    @Override
    public LogPage readLog(ReadLogCommand command) {
        return logs.readLog(command);
    }

    @Override
    public Watch watch(JobId id, Runnable onChange) {
        return watches.watch(id, onChange);
    }

    /** Every webhook delivery of the job's events and its attempts (docs/webhooks.md, "The delivery log"). */
    public List<Delivery> deliveries(JobId id) {
        return deliveryLog.deliveries(id);
    }

    /**
     * Call once at start-up, before accepting triggers, with a durable store: every job the store still shows
     * running is reattached (or, where its step is gone, recorded failed).
     *
     * @return how many jobs were recovered
     */
    public int recoverRunningJobs() {
        return lifecycle.recoverRunningJobs();
    }

    /** Which replica runs a background task now (always this one when it has its store to itself). */
    public TaskTurns taskTurns() {
        return lifecycle.taskTurns();
    }

    @Override
    public List<ScheduleView> listSchedules() {
        return scheduleList.listSchedules();
    }

    /**
     * Fires the schedules every {@code tick} (docs/schedules.md); call it after {@link #recoverRunningJobs()}.
     * Nothing happens without schedules ({@link Builder#schedules}).
     */
    public PipelineTrigger startScheduler(Duration tick) {
        lifecycle.startScheduler(tick);
        return this;
    }

    /** Fires the schedules due now: what the scheduler does every tick, for a test that moves its own clock. */
    public void fireDueSchedules() {
        lifecycle.fireDueSchedules();
    }

    /** Sweeps expired jobs and removes runner leftovers every {@code interval}, not only when the API is called. */
    public PipelineTrigger startHousekeeping(Duration interval, Duration leftoverGrace) {
        lifecycle.startHousekeeping(interval, leftoverGrace);
        return this;
    }

    /**
     * Replicas on one shared store: every {@code interval}, the followers and waiters of a job another server
     * executes hear from the store of its new output and its end (docs/operations.md, "Replicas").
     */
    public PipelineTrigger followJobsRunElsewhere(Duration interval) {
        lifecycle.followJobsRunElsewhere(interval);
        return this;
    }

    /**
     * Refuses new triggers, then stops running steps and waits until their jobs' ends are recorded (at most the
     * stop grace plus {@code extraWait}). With {@link Builder#leaveStepsRunningOnShutdown(boolean)} and a runner
     * whose steps outlive the server, it only stops following them instead.
     *
     * @return true when every job ended (or was let go) in time
     */
    public boolean shutdown(Duration extraWait) throws InterruptedException {
        return lifecycle.shutdown(extraWait);
    }

    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifecycle.close();
        }
    }

    /** Knobs with the defaults of docs/configuration.md; only the runner is required. */
    public static final class Builder {
        private ContainerRunner runner;
        private JobRepository repository;
        private OutputArchive archive = OutputArchive.NONE;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random;
        private FeatureFlags defaultFlags = FeatureFlags.ALL_ENABLED;
        private int outputLimitBytes = OutputLimit.DEFAULT_BYTES;
        private Duration retention = TriggerSettings.DEFAULT_RETENTION;
        private Duration stopGrace = TriggerSettings.DEFAULT_STOP_GRACE;
        private Optional<Duration> defaultStepTimeout = Optional.empty();
        private Duration outputSaveInterval = Duration.ofSeconds(2);
        private boolean leaveStepsRunningOnShutdown;
        private OutputSanitizer sanitizer = OutputSanitizer.redacting(Set.of());
        private RunMetrics metrics = RunMetrics.NONE;
        private BusyPolicy defaultOnBusy = BusyPolicy.REJECT;
        private int queueLimit = TriggerSettings.DEFAULT_QUEUE_LIMIT;
        private Optional<Duration> defaultQueueTimeout = Optional.empty();
        private WebhookSettings webhooks = WebhookSettings.NONE;
        private Optional<LeaseSettings> replica = Optional.empty();
        private List<Schedule> schedules = List.of();

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

        /** Where each step's whole output is kept; defaults to nowhere (only the tail). */
        public Builder outputArchive(OutputArchive archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
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

        /** How long a stopped step may take to end before it is killed. */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
            return this;
        }

        /** How long each step may run unless a trigger says otherwise; none by default. */
        public Builder defaultStepTimeout(Optional<Duration> timeout) {
            this.defaultStepTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often a running job's output tail is saved to the store. */
        public Builder outputSaveInterval(Duration interval) {
            this.outputSaveInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** With a durable store: on shutdown, leave steps that outlive the server running, to reattach later. */
        public Builder leaveStepsRunningOnShutdown(boolean leave) {
            this.leaveStepsRunningOnShutdown = leave;
            return this;
        }

        /**
         * How output text is cleaned before anyone sees it; by default control sequences are stripped or
         * escaped and nothing is redacted. Use {@link OutputSanitizer#redacting} to add secret values.
         */
        public Builder outputSanitizer(OutputSanitizer sanitizer) {
            this.sanitizer = Objects.requireNonNull(sanitizer, "sanitizer");
            return this;
        }

        /** Who counts runs, their ends and the busy refusals (docs/operations.md, "Metrics"); nobody by default. */
        public Builder runMetrics(RunMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** What a trigger that names no {@code onBusy} does while another run is active; {@code reject} by default. */
        public Builder defaultOnBusy(BusyPolicy policy) {
            this.defaultOnBusy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How many jobs may wait in the queue; 10 by default. */
        public Builder queueLimit(int limit) {
            this.queueLimit = limit;
            return this;
        }

        /** How long a queued job may wait unless its trigger says otherwise; no limit by default. */
        public Builder defaultQueueTimeout(Optional<Duration> timeout) {
            this.defaultQueueTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Tells every job start and end to these endpoints (docs/webhooks.md), bodies written by {@code format};
         * the job repository must keep an outbox ({@link DeliveryOutbox}: the in-memory and JDBC stores do), and
         * a sender must read it (the webhook adapter's). None by default.
         */
        public Builder webhooks(List<WebhookEndpoint> endpoints, JobEventFormat format) {
            this.webhooks = new WebhookSettings(endpoints, format);
            return this;
        }

        /**
         * Runs this server as one replica of several on the job repository they share (docs/operations.md,
         * "Replicas"): the jobs it carries are leased there, and it adopts the jobs of a replica that died. Off by
         * default: a server alone on its store.
         */
        public Builder replica(LeaseSettings settings) {
            this.replica = Optional.of(settings);
            return this;
        }

        /**
         * Runs the pipeline by itself on these schedules once {@link PipelineTrigger#startScheduler} is called; the
         * job repository must keep their firings (the in-memory and JDBC stores do). None by default.
         */
        public Builder schedules(List<Schedule> schedules) {
            this.schedules = List.copyOf(schedules);
            return this;
        }

        public PipelineTrigger build() {
            if (runner == null) {
                throw new IllegalStateException("PipelineTrigger needs a containerRunner");
            }
            JobRepository store = repository != null ? repository : new InMemoryJobRepository();
            if (!webhooks.endpoints().isEmpty() && !(store instanceof DeliveryOutbox)) {
                throw new IllegalStateException("webhooks need a job repository with an outbox; "
                        + store.getClass().getSimpleName() + " keeps none");
            }
            TriggerSettings settings = new TriggerSettings(defaultFlags, outputLimitBytes, retention, stopGrace,
                    defaultStepTimeout, outputSaveInterval, sanitizer, defaultOnBusy, queueLimit, defaultQueueTimeout);
            return new PipelineTrigger(PipelineServices.wire(store, runner, archive, clock,
                    random != null ? random : new SecureRandom(), settings, leaveStepsRunningOnShutdown, webhooks,
                    metrics, schedules, replica));
        }
    }
}
