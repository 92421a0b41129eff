package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;

import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;

/** Hands a job saved as running to a job thread: for a fresh trigger and for a queued job whose turn came. */
final class JobLauncher {

    static final String SHUTTING_DOWN = "The server is shutting down and accepts no new pipeline runs.";

    private static final System.Logger LOG = System.getLogger(JobLauncher.class.getName());

    private final ExecutionContext context;
    private final LiveOutputs liveOutputs;
    private final JobExecutions executions;
    private final LeaseKeeper leases;

    JobLauncher(ExecutionContext context, LiveOutputs liveOutputs, JobExecutions executions, LeaseKeeper leases) {
        this.context = context;
        this.liveOutputs = liveOutputs;
        this.executions = executions;
        this.leases = leases;
    }

    boolean accepting() {
        return executions.accepting();
    }

    /**
     * With replicas, the job's lease is won first: a replica that adopted the job meanwhile (it found it unleased)
     * carries it instead, and nothing is started here.
     *
     * @throws RunnerUnavailableException when shutdown began meanwhile; the job is then recorded failed
     */
    void launch(Job job) {
        if (!leases.startLeased(job.id(), () -> start(job))) {
            LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": carried by another replica already; not started here");
        }
    }

    private void start(Job job) {
        OutputTail tail = new OutputTail(context.settings().outputLimitBytes(), context.settings().sanitizer());
        liveOutputs.register(job.id(), tail);
        try {
            executions.submit(new JobExecution(job, context, tail));
        } catch (RejectedExecutionException shuttingDown) {
            // shutdown began between the check before the insert and now: record the truth, then refuse
            tail.appendLine("pipeline-trigger: " + SHUTTING_DOWN);
            context.repository().update(job.fail(SHUTTING_DOWN, OptionalInt.empty(), context.clock().instant(), tail.text()));
            liveOutputs.remove(job.id());
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
    }
}
