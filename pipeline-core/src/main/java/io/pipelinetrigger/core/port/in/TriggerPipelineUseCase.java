package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;

import java.util.Optional;

/** Starts a pipeline run in the background. */
public interface TriggerPipelineUseCase {

    /**
     * Accepts the run and returns the new job at once, while its steps start in the background. With an
     * idempotency key, a retry of the same request returns the job the first one started.
     *
     * @throws io.pipelinetrigger.core.domain.PipelineBusyException          another run is active (or the queue is full)
     * @throws io.pipelinetrigger.core.domain.RunnerUnavailableException     the runner cannot be asked
     * @throws io.pipelinetrigger.core.domain.IdempotencyKeyReusedException the key came with another request
     */
    Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey);

    /**
     * Like {@link #trigger(TriggerPipelineCommand, Optional)}, and says whether the answer is an active run this
     * trigger attached to, or a queued job and its place in the queue (docs/api.md, "When the pipeline is busy").
     */
    default TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        return TriggerAnswer.started(trigger(command, idempotencyKey));
    }

    default Job trigger(TriggerPipelineCommand command) {
        return trigger(command, Optional.empty());
    }
}
