package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobAlreadyFinishedException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Cancels a running job through the same stop path as timeouts and shutdown. The answer shows the live output
 * tail, as a poll would: the saved output lags behind it by up to the save interval. A job another replica carries
 * is cancelled through the store: the mark left here reaches that replica with its next heartbeat, which stops
 * the step; the job ends {@code cancelled} there, once the step stopped.
 */
final class CancelJobService implements CancelJobUseCase {

    private static final System.Logger LOG = System.getLogger(CancelJobService.class.getName());

    private final JobRepository repository;
    private final JobExecutions executions;
    private final LiveOutputs liveOutputs;
    private final InstantSource clock;
    private final LeaseKeeper leases;

    CancelJobService(JobRepository repository, JobExecutions executions, LiveOutputs liveOutputs, InstantSource clock,
                     LeaseKeeper leases) {
        this.leases = leases;
        this.repository = repository;
        this.executions = executions;
        this.liveOutputs = liveOutputs;
        this.clock = clock;
    }

    @Override
    public Job cancel(JobId id) {
        Job job = repository.findById(id).orElseThrow(() -> new JobNotFoundException(id));
        if (job.status() == JobStatus.CANCELLED) {
            return job;
        }
        if (job.status().isTerminal()) {
            throw new JobAlreadyFinishedException(id, job.status());
        }
        Optional<JobExecution> execution = executions.find(id);
        if (execution.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "job " + id + ": cancel requested");
            Job answer = liveOutputs.find(id).map(tail -> job.withOutput(tail.text())).orElse(job);
            execution.get().requestStop(StopRequest.cancel());
            return answer;
        }
        if (leases.leftForItsHolder(id)) {
            LOG.log(System.Logger.Level.INFO, "job " + id + ": cancel requested; left in the store for the replica"
                    + " that carries it");
            return job;
        }
        // running in the store but followed by no thread here: nothing to stop, so record the end directly
        Job cancelled = job.cancel(StopRequest.CANCELLED_REASON, OptionalInt.empty(), clock.instant(),
                job.output() + "pipeline-trigger: " + StopRequest.CANCELLED_REASON + "\n");
        if (!repository.update(cancelled)) {
            return cancel(id); // it ended meanwhile: answer for its final state
        }
        return cancelled;
    }
}
