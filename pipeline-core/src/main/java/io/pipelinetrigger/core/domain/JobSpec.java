package io.pipelinetrigger.core.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job runs, with every default already applied: the pipeline, the dbt command (absent for the
 * ingester-only pipeline, which has no dbt step), the effective flags and how long each step may run.
 */
public record JobSpec(Pipeline pipeline, Optional<DbtCommand> command, FeatureFlags flags,
                      Optional<Duration> stepTimeout) {

    public JobSpec(Pipeline pipeline, Optional<DbtCommand> command, FeatureFlags flags) {
        this(pipeline, command, flags, Optional.empty());
    }

    public JobSpec {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        if (stepTimeout.isPresent() && (stepTimeout.get().isZero() || stepTimeout.get().isNegative())) {
            throw new IllegalArgumentException("a step timeout must be positive, got " + stepTimeout.get());
        }
        if (pipeline.runsDbt() && command.isEmpty()) {
            throw new IllegalArgumentException("a pipeline with a dbt step needs a dbt command");
        }
        if (!pipeline.runsDbt() && command.isPresent()) {
            throw new IllegalArgumentException("the " + pipeline.wireName() + " pipeline has no dbt command");
        }
    }
}
