package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** The use cases wired together around one repository, one runner and one archive; the facade's engine room. */
public final class PipelineServices implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PipelineServices.class.getName());

    private final ExecutionContext context;
    private final TriggerPipelineService trigger;
    private final JobQueryService queries;
    private final CancelJobService cancel;
    private final JobRecovery recovery;
    private final HealthService health;
    private final JobExecutions executions;
    private final RetentionSweeper sweeper;

    public PipelineServices(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                            InstantSource clock, RandomGenerator random, TriggerSettings settings) {
        LiveOutputs liveOutputs = new LiveOutputs();
        this.executions = new JobExecutions(liveOutputs);
        this.context = new ExecutionContext(repository, runner, archive, clock, executions.timers(), settings);
        this.sweeper = new RetentionSweeper(repository, archive, clock, settings);
        this.trigger = new TriggerPipelineService(context, new JobIdGenerator(clock, random), liveOutputs, executions,
                sweeper);
        this.queries = new JobQueryService(repository, liveOutputs, sweeper);
        this.cancel = new CancelJobService(repository, executions, clock);
        this.recovery = new JobRecovery(context, liveOutputs, executions);
        this.health = new HealthService(runner, repository);
    }

    public HealthService health() {
        return health;
    }

    public TriggerPipelineService trigger() {
        return trigger;
    }

    public JobQueryService queries() {
        return queries;
    }

    public CancelJobService cancel() {
        return cancel;
    }

    /** Hands every job the store shows running to an execution that reattaches to it; returns how many. */
    public int recoverRunningJobs() {
        return recovery.recoverRunningJobs();
    }

    /**
     * Every {@code interval}: removes expired jobs, and what the runner left behind for jobs no longer active
     * (older than {@code leftoverGrace}), so nothing piles up on a server nobody polls.
     */
    public void startHousekeeping(Duration interval, Duration leftoverGrace) {
        executions.timers().scheduleWithFixedDelay(() -> housekeeping(leftoverGrace),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Refuses new jobs; then, when {@code leaveStepsRunning} and the runner's steps outlive the server, stops
     * following running jobs (a restart reattaches to them); otherwise stops their steps and records them failed.
     *
     * @return true when every execution finished within {@code wait}
     */
    public boolean shutdown(boolean leaveStepsRunning, Duration wait) throws InterruptedException {
        return executions.shutdown(leaveStepsRunning && context.runner().stepsOutliveTheServer(), wait);
    }

    @Override
    public void close() {
        executions.close();
    }

    private void housekeeping(Duration leftoverGrace) {
        try {
            sweeper.sweep();
            Set<JobId> active = context.repository().findAll().stream()
                    .filter(job -> !job.status().isTerminal()).map(Job::id).collect(Collectors.toSet());
            int removed = context.runner().removeLeftovers(active, leftoverGrace);
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "removed " + removed + " leftover step(s) of finished jobs");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "housekeeping failed; it runs again at the next interval", e);
        }
    }
}
