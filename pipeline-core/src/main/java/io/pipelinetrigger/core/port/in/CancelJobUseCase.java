package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

/** Stops a running job: its step gets its stop signal, is killed after the grace, and the job ends cancelled. */
public interface CancelJobUseCase {

    /**
     * Asks the job to stop and returns it at once (still {@code running} until its step has stopped).
     * Cancelling a cancelled job again returns it unchanged.
     *
     * @throws io.pipelinetrigger.core.domain.JobNotFoundException        unknown or expired
     * @throws io.pipelinetrigger.core.domain.JobAlreadyFinishedException completed or failed already
     */
    Job cancel(JobId id);
}
