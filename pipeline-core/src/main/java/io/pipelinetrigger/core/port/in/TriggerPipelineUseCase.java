package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;

import java.util.Optional;

/** Starts a pipeline run in the background. */
public interface TriggerPipelineUseCase {

    /**
     * Accepts the run and returns the new job at once, while its steps start in the background. With an
     * idempotency key, a retry of the same request returns the job the first one started.
     *
     * @throws io.pipelinetrigger.core.domain.PipelineBusyException          another run is active
     * @throws io.pipelinetrigger.core.domain.RunnerUnavailableException     the runner cannot be asked
     * @throws io.pipelinetrigger.core.domain.IdempotencyKeyReusedException the key came with another request
     */
    Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey);

    default Job trigger(TriggerPipelineCommand command) {
        return trigger(command, Optional.empty());
    }
}
