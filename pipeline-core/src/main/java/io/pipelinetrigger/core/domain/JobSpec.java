package io.pipelinetrigger.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a job runs, with every default already applied: the pipeline, the dbt command (absent for the
 * ingester-only pipeline, which has no dbt step) and the effective flags.
 */
public record JobSpec(Pipeline pipeline, Optional<DbtCommand> command, FeatureFlags flags) {

    public JobSpec {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(flags, "flags");
        if (pipeline.runsDbt() && command.isEmpty()) {
            throw new IllegalArgumentException("a pipeline with a dbt step needs a dbt command");
        }
        if (!pipeline.runsDbt() && command.isPresent()) {
            throw new IllegalArgumentException("the " + pipeline.wireName() + " pipeline has no dbt command");
        }
    }
}
