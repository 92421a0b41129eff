package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.util.Optional;

/**
 * The trigger use case, counting each refusal because a run is active (whichever check refused it); both of its
 * methods pass through, so attach and queue answers arrive unchanged.
 */
final class MeasuredTriggers implements TriggerPipelineUseCase {

    private final TriggerPipelineUseCase triggers;
    private final RunMetrics metrics;

    MeasuredTriggers(TriggerPipelineUseCase triggers, RunMetrics metrics) {
        this.triggers = triggers;
        this.metrics = metrics;
    }

    @Override
    public Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        try {
            return triggers.trigger(command, idempotencyKey);
        } catch (PipelineBusyException busy) {
            metrics.busyRefused(command.pipeline());
            throw busy;
        }
    }

    @Override
    public TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        try {
            return triggers.submit(command, idempotencyKey);
        } catch (PipelineBusyException busy) {
            metrics.busyRefused(command.pipeline());
            throw busy;
        }
    }
}
