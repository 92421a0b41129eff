package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.port.in.ListDeliveriesQuery;
import io.pipelinetrigger.core.port.in.ListSchedulesQuery;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The wiring behind the {@code PipelineTrigger} facade, its only caller: builds the use cases around one
 * repository, one runner and one archive and hands them out as their {@code port.in} interfaces (every service
 * class stays package-private), and owns the lifecycle of their threads. Not a second facade: it answers no use
 * case itself.
 */
public final class PipelineServices implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PipelineServices.class.getName());
    /** The name of the housekeeping task's turn among replicas. */
    public static final String HOUSEKEEPING = "housekeeping";

    /** How often a queued job that was held back (a labelled container, an unreachable runner) is tried again. */
    static final Duration QUEUE_RETRY = Duration.ofSeconds(1);

    private final ExecutionContext context;
    private final JobExecutions executions;
    private final RetentionSweeper sweeper;
    private final JobRecovery recovery;
    private final TriggerPipelineUseCase trigger;
    private final JobQueryService queries;
    private final CancelJobService cancel;
    private final HealthService health;
    private final ReadLogService logs;
    private final JobActivity activity;
    private final DeliveryLogService deliveries;
    private final boolean leaveStepsRunningOnShutdown;
    private final JobQueue queue;
    private final LeaseKeeper leases;
    private final TaskTurns turns;
    private final Optional<LeaseSettings> replica;
    private final Optional<Adoption> adoption;
    /** Renews this replica's leases and adopts what other replicas left, every heartbeat, off the job timers. */
    private final ScheduledExecutorService replicaThread;
    private volatile boolean recovered;
    /** Starts queued jobs off the job and request threads: when a run ends, and every retry interval. */
    private final ScheduledExecutorService queueThread;
    private final StorePolledActivity storePolled;
    private ScheduledExecutorService storeFollower;
    private final Scheduler scheduler;

    private PipelineServices(JobRepository store, ContainerRunner runner, OutputArchive storeArchive,
                             InstantSource clock, RandomGenerator random, TriggerSettings settings,
                             boolean leaveStepsRunningOnShutdown, WebhookSettings webhooks, RunMetrics metrics,
                             List<Schedule> schedules, Optional<LeaseSettings> replica) {
        JobEnds ends = new JobEnds();
        this.activity = new JobActivity();
        JobRepository withEvents = new EventRecordingJobRepository(store, new JobEvents(webhooks, clock, random));
        JobRepository repository = new EndSignallingJobRepository(new MeasuredJobRepository(withEvents, metrics), ends,
                activity);
        OutputArchive archive = new ActivitySignallingArchive(storeArchive, activity);
        LiveOutputs liveOutputs = new LiveOutputs();
        this.executions = new JobExecutions(liveOutputs);
        this.context = new ExecutionContext(repository, runner, archive, clock, executions.timers(), settings);
        Retention retention = new Retention(clock, settings.retention());
        this.sweeper = new RetentionSweeper(repository, archive, retention);
        this.leases = new LeaseKeeper(store, replica, clock, executions);
        this.turns = new TaskTurns(store, replica.map(LeaseSettings::replicaId), clock);
        this.replica = replica;
        JobLauncher launcher = new JobLauncher(context, liveOutputs, executions, leases);
        this.queue = new JobQueue(context, launcher);
        TriggerPipelineService triggers = new TriggerPipelineService(context, new JobIdGenerator(clock, random),
                launcher, queue);
        this.trigger = new MeasuredTriggers(triggers, metrics);
        this.scheduler = new Scheduler(schedules, triggers, repository, clock);
        this.queueThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipeline-queue");
            thread.setDaemon(true); // holds no job of its own: a queued job is durable and waits for a restart
            return thread;
        });
        ends.onEveryEnd(ended -> startQueuedSoon());
        queueThread.scheduleWithFixedDelay(queue::startNext, QUEUE_RETRY.toMillis(), QUEUE_RETRY.toMillis(),
                TimeUnit.MILLISECONDS);
        this.queries = new JobQueryService(repository, liveOutputs, retention, ends, executions.timers());
        this.cancel = new CancelJobService(repository, executions, liveOutputs, clock, leases);
        this.recovery = new JobRecovery(context, liveOutputs, executions);
        this.adoption = replica.map(r -> new Adoption(store, r, clock, leases, recovery));
        this.replicaThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipeline-leases");
            thread.setDaemon(true);
            return thread;
        });
        replica.ifPresent(r -> replicaThread.scheduleWithFixedDelay(this::keepLeases,
                r.heartbeat().toMillis(), r.heartbeat().toMillis(), TimeUnit.MILLISECONDS));
        this.health = new HealthService(runner, repository);
        this.logs = new ReadLogService(repository, archive, settings.sanitizer());
        this.storePolled = new StorePolledActivity(repository, archive, activity, ends, liveOutputs);
        this.deliveries = new DeliveryLogService(repository, store instanceof DeliveryOutbox outbox ? outbox
                : NO_OUTBOX);
        this.leaveStepsRunningOnShutdown = leaveStepsRunningOnShutdown;
    }

    /**
     * @param leaveStepsRunningOnShutdown on shutdown, only stop following steps that outlive the server (a
     *                                    restart reattaches to them) instead of stopping them
     */
    public static PipelineServices wire(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                                        InstantSource clock, RandomGenerator random, TriggerSettings settings,
                                        boolean leaveStepsRunningOnShutdown) {
        return wire(repository, runner, archive, clock, random, settings, leaveStepsRunningOnShutdown,
                WebhookSettings.NONE);
    }

    /** {@link #wire} that also writes an outbox message per webhook endpoint when a job starts or ends. */
    public static PipelineServices wire(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                                        InstantSource clock, RandomGenerator random, TriggerSettings settings,
                                        boolean leaveStepsRunningOnShutdown, WebhookSettings webhooks) {
        return wire(repository, runner, archive, clock, random, settings, leaveStepsRunningOnShutdown, webhooks,
                RunMetrics.NONE);
    }

    /** As above, also telling {@code metrics} about every run's start and end and every busy refusal. */
    public static PipelineServices wire(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                                        InstantSource clock, RandomGenerator random, TriggerSettings settings,
                                        boolean leaveStepsRunningOnShutdown, WebhookSettings webhooks,
                                        RunMetrics metrics) {
        return wire(repository, runner, archive, clock, random, settings, leaveStepsRunningOnShutdown, webhooks,
                metrics, List.of());
    }

    /** As above, also firing {@code schedules} once {@link #startScheduler} is called (docs/schedules.md). */
    public static PipelineServices wire(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                                        InstantSource clock, RandomGenerator random, TriggerSettings settings,
                                        boolean leaveStepsRunningOnShutdown, WebhookSettings webhooks,
                                        RunMetrics metrics, List<Schedule> schedules) {
        return wire(repository, runner, archive, clock, random, settings, leaveStepsRunningOnShutdown, webhooks,
                metrics, schedules, Optional.empty());
    }

    /**
     * As above, as one replica of several on a shared store (docs/operations.md, "Replicas"): every job it carries
     * is leased in the store, renewed every heartbeat, and a job whose lease ran out is adopted.
     */
    public static PipelineServices wire(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                                        InstantSource clock, RandomGenerator random, TriggerSettings settings,
                                        boolean leaveStepsRunningOnShutdown, WebhookSettings webhooks,
                                        RunMetrics metrics, List<Schedule> schedules, Optional<LeaseSettings> replica) {
        return new PipelineServices(repository, runner, archive, clock, random, settings, leaveStepsRunningOnShutdown,
                webhooks, metrics, schedules, replica);
    }

    /** Who runs the background tasks among the replicas; always this server when it has its store to itself. */
    public TaskTurns taskTurns() {
        return turns;
    }

    public TriggerPipelineUseCase trigger() {
        return trigger;
    }

    public GetJobQuery getJob() {
        return queries;
    }

    public ListJobsQuery listJobs() {
        return queries;
    }

    public CancelJobUseCase cancel() {
        return cancel;
    }

    public HealthQuery health() {
        return health;
    }

    public ReadLogQuery readLog() {
        return logs;
    }

    public WatchJobQuery watchJob() {
        return activity;
    }

    public ListDeliveriesQuery deliveries() {
        return deliveries;
    }

    public ListSchedulesQuery schedules() {
        return scheduler;
    }

    /** Fires every schedule due now (the scheduler thread calls it every tick; a test with its own clock, too). */
    public void fireDueSchedules() {
        scheduler.fireDue();
    }

    /**
     * Checks the schedules every {@code tick} on the queue's thread, from now on (after recovery, so that a firing
     * never starts while recovered runs are still unknown); nothing when there are no schedules.
     */
    public void startScheduler(Duration tick) {
        if (!scheduler.isEmpty()) {
            queueThread.scheduleWithFixedDelay(scheduler::fireDue, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A store that keeps no outbox has delivered nothing. */
    private static final DeliveryOutbox NO_OUTBOX = new DeliveryOutbox() {
        @Override
        public List<Delivery> dueDeliveries(Instant now, int limit) {
            return List.of();
        }

        @Override
        public void recordAttempt(OutboxMessage message, DeliveryAttempt attempt, Optional<Instant> next) {
            throw new IllegalStateException("this store keeps no webhook outbox");
        }

        @Override
        public List<Delivery> deliveriesOf(JobId jobId) {
            return List.of();
        }
    };

    /**
     * Hands every job the store shows running to an execution that reattaches to it, then starts the head of the
     * queue if nothing runs; returns how many running jobs were recovered.
     */
    public int recoverRunningJobs() {
        int count = adoption.map(Adoption::adoptWhatIsLeft).orElseGet(recovery::recoverRunningJobs);
        recovered = true;
        startQueuedSoon();
        return count;
    }

    /** The heartbeat, then (once start-up recovery is done) the adoption of what other replicas left. */
    private void keepLeases() {
        try {
            leases.heartbeat();
            if (recovered && executions.accepting()) {
                adoption.ifPresent(Adoption::adoptWhatIsLeft);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the lease heartbeat failed; it runs again in "
                    + replica.map(LeaseSettings::heartbeat).orElseThrow() + ": " + e.getMessage());
        }
    }

    private void startQueuedSoon() {
        try {
            queueThread.execute(queue::startNext);
        } catch (RejectedExecutionException closed) {
            // closing: queued jobs stay in the store and start after the next start-up
        }
    }

    /**
     * Every {@code interval}: removes expired jobs, and what the runner left behind for jobs no longer active
     * (older than {@code leftoverGrace}), so nothing piles up on a server nobody polls.
     */
    public void startHousekeeping(Duration interval, Duration leftoverGrace) {
        Housekeeping housekeeping = new Housekeeping(context.repository(), context.runner(), sweeper, leftoverGrace);
        // one replica at a time; its turn outlasts the interval by a lease, so it stays there while that one lives
        Duration hold = interval.plus(replica.map(LeaseSettings::lease).orElse(Duration.ZERO));
        executions.timers().scheduleWithFixedDelay(() -> {
            if (turns.take(HOUSEKEEPING, hold)) {
                housekeeping.run();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Every {@code interval}, looks in the store at the jobs followed here that another server executes (replicas on
     * one store, docs/operations.md): their followers and waiters hear of new output and of the end from there.
     * Only while someone follows such a job does a look read anything.
     */
    public synchronized void followJobsRunElsewhere(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        if (storeFollower != null) {
            throw new IllegalStateException("jobs run elsewhere are followed already");
        }
        storeFollower = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipeline-store-follower");
            thread.setDaemon(true);
            return thread;
        });
        storeFollower.scheduleWithFixedDelay(storePolled::look, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Refuses new jobs; then, when steps are left running on shutdown and the runner's steps outlive the server,
     * stops following running jobs; otherwise stops their steps and records them failed.
     *
     * @return true when every execution finished within the stop grace plus {@code extraWait}
     */
    public boolean shutdown(Duration extraWait) throws InterruptedException {
        boolean detach = leaveStepsRunningOnShutdown && context.runner().stepsOutliveTheServer();
        replicaThread.shutdownNow(); // no adoption while stopping; a lease lapses or is released below
        boolean ended = executions.shutdown(detach, context.settings().stopGrace().plus(extraWait));
        if (detach && ended) {
            leases.releaseAll(); // the steps run on: another replica adopts them at once
        }
        turns.releaseAll();
        return ended;
    }

    @Override
    public void close() {
        replicaThread.shutdownNow();
        queueThread.shutdownNow();
        synchronized (this) {
            if (storeFollower != null) {
                storeFollower.shutdownNow();
            }
        }
        executions.close();
    }
}
