package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What core asks a runner to run: which step of which job, the environment core decides (docs/docker.md, "What one step is":
 * {@code PIPELINE_JOB_ID}, {@code PIPELINE_STEP}, and for dbt {@code DBT_COMMAND}, {@code ENABLE_OPENLINEAGE},
 * {@code ENABLE_ELEMENTARY}) and the arguments to append (the dbt command word). The runner adds what the
 * operator configured for the step (image or program, env file, mounts); no request value reaches anything else.
 */
public record StepSpec(JobId jobId, StepName step, Map<String, String> environment, List<String> arguments) {

    public StepSpec {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(step, "step");
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }
}
