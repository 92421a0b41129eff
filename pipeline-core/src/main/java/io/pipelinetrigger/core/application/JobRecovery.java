package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepStatus;

import java.nio.charset.StandardCharsets;

/**
 * After a restart, before the API accepts triggers: every job the store still shows {@code running} is handed
 * to a new execution, which reattaches to its running step (or runs its next pending one). A step the runner
 * cannot find any more ends the job failed with the runner's reason; no job stays {@code running}. With replicas on
 * one store, {@link Adoption} hands on only the jobs whose lease this replica wins, through {@link #recover}.
 */
final class JobRecovery {

    private static final System.Logger LOG = System.getLogger(JobRecovery.class.getName());

    private final ExecutionContext context;
    private final LiveOutputs liveOutputs;
    private final JobExecutions executions;

    JobRecovery(ExecutionContext context, LiveOutputs liveOutputs, JobExecutions executions) {
        this.context = context;
        this.liveOutputs = liveOutputs;
        this.executions = executions;
    }

    int recoverRunningJobs() {
        int recovered = 0;
        for (Job job : context.repository().findAll()) {
            if (job.status() != JobStatus.RUNNING) { // queued jobs wait for the queue to start them
                continue;
            }
            recover(job);
            LOG.log(System.Logger.Level.INFO, "job " + job.id() + " was running before the restart; recovering it");
            recovered++;
        }
        return recovered;
    }

    /** Hands one running job to a new execution that goes on where the store says it stands (also an adoption). */
    void recover(Job job) {
        OutputTail tail = tailAsKept(job);
        liveOutputs.register(job.id(), tail);
        executions.submit(new JobExecution(job, context, tail));
    }

    /** The tail rebuilt from the archive (exact up to the last byte kept), else as last saved with the job. */
    private OutputTail tailAsKept(Job job) {
        OutputTail tail = new OutputTail(context.settings().outputLimitBytes(), context.settings().sanitizer());
        boolean fromArchive = false;
        for (Step step : job.steps()) {
            if (step.status() != StepStatus.PENDING && step.status() != StepStatus.SKIPPED) {
                fromArchive |= context.archive().replay(job.id(), step.name(), tail::accept);
                tail.endOfStep(step.name());
            }
        }
        if (!fromArchive && !job.output().isEmpty()) {
            byte[] saved = job.output().getBytes(StandardCharsets.UTF_8);
            tail.accept(new LogChunk(job.steps().get(0).name(), LogStream.STDOUT, saved));
        }
        return tail;
    }
}
