package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a step receives (the environment table of docs/docker.md), built only from the job's validated spec. */
final class StepSpecs {

    private StepSpecs() {
    }

    static StepSpec forStep(Job job, StepName step) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PIPELINE_JOB_ID", job.id().value());
        environment.put("PIPELINE_STEP", step.wireName());
        List<String> arguments = List.of();
        if (step == StepName.DBT) {
            DbtCommand command = job.spec().command().orElseThrow();
            environment.put("DBT_COMMAND", command.wireName());
            environment.put("ENABLE_OPENLINEAGE", Boolean.toString(job.spec().flags().enableOpenlineage()));
            environment.put("ENABLE_ELEMENTARY", Boolean.toString(job.spec().flags().enableElementary()));
            arguments = List.of(command.wireName());
        }
        return new StepSpec(job.id(), step, environment, arguments, job.spec().stepTimeout());
    }
}
