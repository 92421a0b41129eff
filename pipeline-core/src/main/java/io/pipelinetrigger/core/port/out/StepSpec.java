package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What core asks a runner to run: which step of which job, the environment core decides (docs/docker.md, "What one step is":
 * {@code PIPELINE_JOB_ID}, {@code PIPELINE_STEP}, and for dbt {@code DBT_COMMAND}, {@code ENABLE_OPENLINEAGE},
 * {@code ENABLE_ELEMENTARY}) and the arguments to append (the dbt command word). The runner adds what the
 * operator configured for the step (image or program, env file, mounts); no request value reaches anything else.
 * {@code timeout} is the step's effective time limit: core stops the step itself when it passes, and a runner whose
 * platform has its own backstop (a Kubernetes Job's active deadline) sets it from this.
 */
public record StepSpec(JobId jobId, StepName step, Map<String, String> environment, List<String> arguments,
                       Optional<Duration> timeout) {

    public StepSpec {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }

    /** A step without a time limit. */
    public StepSpec(JobId jobId, StepName step, Map<String, String> environment, List<String> arguments) {
        this(jobId, step, environment, arguments, Optional.empty());
    }
}
