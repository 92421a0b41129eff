package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;

/** Starts a pipeline run in the background. */
public interface TriggerPipelineUseCase {

    /**
     * Accepts the run and returns the new job at once, while its steps start in the background.
     *
     * @throws io.pipelinetrigger.core.domain.PipelineBusyException      another run is active
     * @throws io.pipelinetrigger.core.domain.RunnerUnavailableException the runner cannot be asked
     */
    Job trigger(TriggerPipelineCommand command);
}
