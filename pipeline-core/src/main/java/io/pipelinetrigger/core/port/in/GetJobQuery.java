package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One job, with its live output tail while it runs. */
public interface GetJobQuery {

    /** @throws io.pipelinetrigger.core.domain.JobNotFoundException unknown or expired */
    Job getJob(JobId id);

    /**
     * The job as soon as it has ended, or as it is when {@code atMost} has passed, whichever comes first; a job
     * that has already ended answers at once. Nothing waits on the caller's thread. This default answers at once;
     * the core's implementation waits.
     *
     * @throws io.pipelinetrigger.core.domain.JobNotFoundException unknown or expired (thrown, not in the stage)
     */
    /** Where the job waits in the queue (1 = next) while it is {@code queued}; empty otherwise. */
    default OptionalInt queuePosition(JobId id) {
        return OptionalInt.empty();
    }

    default CompletionStage<Job> awaitEnd(JobId id, Duration atMost) {
        return CompletableFuture.completedFuture(getJob(id));
    }
}
