package io.pipelinetrigger.app;

import io.pipelinetrigger.core.domain.StepName;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code PIPELINE_RUNNER=docker}: each step is a one-shot container. Parsed and validated here so that
 * wiring the Docker runner only maps these fields onto its config.
 *
 * @param dockerHost     {@code DOCKER_HOST}; empty = the local socket
 * @param network        {@code PIPELINE_DOCKER_NETWORK}
 * @param conflictLabels {@code PIPELINE_DOCKER_CONFLICT_LABELS}: extra label filters that count as a running pipeline
 */
record DockerRunnerSettings(Optional<String> dockerHost, Map<StepName, Step> steps, Optional<String> network,
                            Map<String, String> conflictLabels) implements RunnerSettings {

    DockerRunnerSettings {
        Objects.requireNonNull(dockerHost, "dockerHost");
        Objects.requireNonNull(network, "network");
        if (!steps.keySet().containsAll(List.of(StepName.values()))) {
            throw new IllegalArgumentException("every step needs an image, got " + steps.keySet());
        }
        steps = Map.copyOf(new EnumMap<>(steps));
        conflictLabels = Collections.unmodifiableMap(new LinkedHashMap<>(conflictLabels));
    }

    /**
     * One step's container.
     *
     * @param command     overrides the image's command when present
     * @param environment from the step's env file
     */
    record Step(String image, Optional<List<String>> command, Map<String, String> environment, List<VolumeBind> volumes) {
        Step {
            Objects.requireNonNull(image, "image");
            command = command.map(List::copyOf);
            environment = Map.copyOf(environment);
            volumes = List.copyOf(volumes);
        }

        /** The binds as docker writes them: {@code host:container[:ro]}. */
        List<String> binds() {
            return volumes.stream().map(VolumeBind::toString).toList();
        }

        String describe() {
            return image
                    + command.map(c -> ", command " + c.get(0) + " (+" + (c.size() - 1) + ")").orElse("")
                    + (volumes.isEmpty() ? "" : ", volumes " + String.join(",", binds()))
                    + (environment.isEmpty() ? "" : ", " + environment.size() + " variables from its env file");
        }
    }

    /** A bind mount: an absolute host path or a named volume, onto an absolute container path. */
    record VolumeBind(String source, String target, boolean readOnly) {
        VolumeBind {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String toString() {
            return source + ":" + target + (readOnly ? ":ro" : "");
        }
    }

    Step step(StepName name) {
        return Objects.requireNonNull(steps.get(name), name::toString);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String describe() {
        return "docker runner: engine " + dockerHost.orElse("at the local socket")
                + network.map(n -> ", network " + n).orElse("")
                + (conflictLabels.isEmpty() ? "" : ", conflict labels " + conflictLabels.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                + "; " + List.of(StepName.values()).stream()
                        .map(name -> name.wireName() + " = " + step(name).describe())
                        .collect(Collectors.joining("; "));
    }
}
