package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The container one step runs in, decided from the operator's step config and core's step spec before
 * the engine is asked anything. Pure, so it is tested without an engine.
 */
record ContainerPlan(String name, String image, Optional<List<String>> command, List<String> environment,
                     Map<String, String> labels, List<String> binds, Optional<String> network,
                     Optional<Long> memoryLimitBytes, Optional<String> stopSignal, boolean init) {

    static final String JOB_ID_LABEL = "pipeline-trigger.job-id";
    static final String STEP_LABEL = "pipeline-trigger.step";
    static final String INSTANCE_LABEL = "pipeline-trigger.instance";
    static final String INIT_SIGNALS_PROCESS_GROUP = "TINI_KILL_PROCESS_GROUP";

    ContainerPlan {
        command = command.map(List::copyOf);
        environment = List.copyOf(environment);
        labels = Map.copyOf(labels);
        binds = List.copyOf(binds);
    }

    static ContainerPlan of(StepSpec spec, DockerStepConfig step, Optional<String> network, String instance) {
        return new ContainerPlan(
                nameFor(spec, instance),
                step.image(),
                commandFor(spec, step),
                environmentFor(spec, step),
                Map.of(JOB_ID_LABEL, spec.jobId().value(), STEP_LABEL, spec.step().wireName(), INSTANCE_LABEL, instance),
                step.binds(),
                network,
                step.memoryLimitBytes(),
                // dbt cancels its warehouse queries on SIGINT, not on SIGTERM (dbt-core #8356)
                spec.step() == StepName.DBT ? Optional.of("SIGINT") : Optional.empty(),
                // an init process as PID 1 passes the stop signal on to the step and reaps its children
                true);
    }

    /**
     * Deterministic, so a create retried after a lost answer meets its own container instead of making a second.
     * The default instance keeps the name it had before instances existed; another instance's name carries it
     * before a '.', which no step or job id holds, so two instances never want the same name.
     */
    static String nameFor(StepSpec spec, String instance) {
        String stepAndJob = spec.step().wireName() + "-" + spec.jobId().value();
        return instance.equals(DockerRunnerConfig.DEFAULT_INSTANCE) ? "pipeline-" + stepAndJob
                : "pipeline-" + instance + "." + stepAndJob;
    }

    /** A container's instance by its label; one without the label was made before instances existed: the default. */
    static String instanceOf(Map<String, String> labels) {
        return labels.getOrDefault(INSTANCE_LABEL, DockerRunnerConfig.DEFAULT_INSTANCE);
    }

    /** Like {@code docker compose run <service> <args>}: the arguments replace the image's command, after the override. */
    private static Optional<List<String>> commandFor(StepSpec spec, DockerStepConfig step) {
        if (step.command().isEmpty() && spec.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(step.command().orElse(List.of()));
        command.addAll(spec.arguments());
        return Optional.of(command);
    }

    /** The operator's env file first; what core decides for the run (docs/docker.md, "What one step is") wins over it. */
    private static List<String> environmentFor(StepSpec spec, DockerStepConfig step) {
        Map<String, String> merged = new TreeMap<>();
        // the init process signals the step's whole process group, so a stop also reaches dbt when the image
        // starts it from a wrapper script (as Ctrl-C in a terminal would)
        merged.put(INIT_SIGNALS_PROCESS_GROUP, "1");
        merged.putAll(step.environment());
        merged.putAll(spec.environment());
        return merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
