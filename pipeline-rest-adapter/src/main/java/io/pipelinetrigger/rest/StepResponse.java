package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.domain.Step;

import java.util.Objects;

/**
 * One step of the job view; {@code exitCode}, {@code startedAt} and {@code finishedAt} are null until known,
 * {@code reason} is null unless the step was skipped.
 */
@JsonPropertyOrder({"name", "status", "exitCode", "startedAt", "finishedAt", "reason"})
record StepResponse(String name, String status, Integer exitCode, String startedAt, String finishedAt, String reason) {

    StepResponse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    static StepResponse of(Step step) {
        return new StepResponse(step.name().wireName(), step.status().wireName(),
                step.exitCode().isPresent() ? Integer.valueOf(step.exitCode().getAsInt()) : null,
                WireTime.formatOrNull(step.startedAt()), WireTime.formatOrNull(step.finishedAt()),
                step.skipReason().orElse(null));
    }
}
