package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.docker.DockerRunnerConfig;
import io.pipelinetrigger.docker.DockerStepConfig;
import io.pipelinetrigger.kubernetes.KubernetesRunnerConfig;
import io.pipelinetrigger.kubernetes.KubernetesStepConfig;
import io.pipelinetrigger.process.ProcessStepConfig;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which runner carries the steps, holding that adapter's own config as {@link RunnerReader} built it: the
 * adapter's rules decided every value, so wiring the runner only hands the config over.
 */
public sealed interface RunnerChoice {

    /** {@code process}, {@code docker} or {@code kubernetes}, as {@code PIPELINE_RUNNER} spells it. */
    String name();

    /** A one-line summary for the start-up log: no secrets (env file values are never shown). */
    String describe();

    /** The environment of each step, read from its env file. */
    List<Map<String, String>> stepEnvironments();

    /** {@code PIPELINE_INSTANCE}, the name the replicas of one deployment share, where this runner reads it. */
    default Optional<String> instanceName() {
        return Optional.empty();
    }

    /** {@code PIPELINE_RUNNER=process}: each step is a local program, run without a shell. */
    record Process(Map<StepName, ProcessStepConfig> steps) implements RunnerChoice {

        public Process {
            if (!steps.keySet().containsAll(List.of(StepName.values()))) {
                throw new IllegalArgumentException("every step needs a command, got " + steps.keySet());
            }
            steps = Map.copyOf(new EnumMap<>(steps));
        }

        public ProcessStepConfig step(StepName name) {
            return Objects.requireNonNull(steps.get(name), name::toString);
        }

        @Override
        public String name() {
            return "process";
        }

        @Override
        public String describe() {
            return "process runner: " + List.of(StepName.values()).stream()
                    .map(name -> name.wireName() + " = " + describe(step(name)))
                    .collect(Collectors.joining("; "));
        }

        @Override
        public List<Map<String, String>> stepEnvironments() {
            return steps.values().stream().map(ProcessStepConfig::environment).toList();
        }

        private static String describe(ProcessStepConfig step) {
            int arguments = step.command().size() - 1;
            return step.command().get(0) + " (+" + arguments + (arguments == 1 ? " argument" : " arguments") + ")"
                    + envFileNote(step.environment());
        }
    }

    /** {@code PIPELINE_RUNNER=docker}: each step is a one-shot container. */
    record Docker(DockerRunnerConfig config) implements RunnerChoice {

        public Docker {
            Objects.requireNonNull(config, "config");
            for (StepName step : StepName.values()) {
                if (config.step(step).isEmpty()) {
                    throw new IllegalArgumentException("every step needs an image, " + step + " has none");
                }
            }
        }

        public DockerStepConfig step(StepName name) {
            return config.step(name).orElseThrow();
        }

        @Override
        public String name() {
            return "docker";
        }

        @Override
        public Optional<String> instanceName() {
            return Optional.of(config.instance());
        }

        @Override
        public String describe() {
            String host = config.dockerHost();
            List<String> conflictLabels = new ArrayList<>(config.conflictLabelKeys());
            config.conflictLabels().forEach((key, value) -> conflictLabels.add(key + "=" + value));
            return "docker runner: engine " + host
                    + (host.equals(DockerRunnerConfig.DEFAULT_DOCKER_HOST) ? " (the local socket)" : "")
                    + ", instance " + config.instance()
                    + config.network().map(n -> ", network " + n).orElse("")
                    + (conflictLabels.isEmpty() ? "" : ", conflict labels " + String.join(",", conflictLabels))
                    + "; " + List.of(StepName.values()).stream()
                            .map(name -> name.wireName() + " = " + describe(step(name)))
                            .collect(Collectors.joining("; "));
        }

        @Override
        public List<Map<String, String>> stepEnvironments() {
            return List.of(StepName.values()).stream().map(name -> step(name).environment()).toList();
        }

        private static String describe(DockerStepConfig step) {
            return step.image()
                    + step.command().map(c -> ", command " + c.get(0) + " (+" + (c.size() - 1) + ")").orElse("")
                    + (step.binds().isEmpty() ? "" : ", volumes " + String.join(",", step.binds()))
                    + envFileNote(step.environment());
        }
    }

    /** {@code PIPELINE_RUNNER=kubernetes}: each step is a Kubernetes Job (docs/kubernetes.md). */
    record Kubernetes(KubernetesRunnerConfig config) implements RunnerChoice {

        public Kubernetes {
            Objects.requireNonNull(config, "config");
            for (StepName step : StepName.values()) {
                if (config.step(step).isEmpty()) {
                    throw new IllegalArgumentException("every step needs an image, " + step + " has none");
                }
            }
        }

        public KubernetesStepConfig step(StepName name) {
            return config.step(name).orElseThrow();
        }

        @Override
        public String name() {
            return "kubernetes";
        }

        @Override
        public Optional<String> instanceName() {
            return Optional.of(config.instance());
        }

        @Override
        public String describe() {
            return "kubernetes runner: namespace " + config.namespace().orElse("(the client's own)")
                    + ", " + config.kubeconfig().map(path -> "kubeconfig " + path).orElse("in-cluster or ~/.kube/config")
                    + ", instance " + config.instance()
                    + config.serviceAccount().map(account -> ", service account " + account).orElse("")
                    + config.ttlAfterFinished().map(ttl -> ", finished Jobs kept " + ttl).orElse("")
                    + (config.conflictSelectors().isEmpty() ? "" : ", conflict selectors " + String.join("; ", config.conflictSelectors()))
                    + "; " + List.of(StepName.values()).stream()
                            .map(name -> name.wireName() + " = " + describe(step(name)))
                            .collect(Collectors.joining("; "));
        }

        @Override
        public List<Map<String, String>> stepEnvironments() {
            return List.of(StepName.values()).stream().map(name -> step(name).environment()).toList();
        }

        private static String describe(KubernetesStepConfig step) {
            return step.image()
                    + step.command().map(c -> ", command " + c.get(0) + " (+" + (c.size() - 1) + ")").orElse("")
                    + (step.configMaps().isEmpty() ? "" : ", ConfigMaps " + String.join(",", step.configMaps()))
                    + (step.secrets().isEmpty() ? "" : ", Secrets " + String.join(",", step.secrets()))
                    + envFileNote(step.environment());
        }
    }

    /**
     * The API is disabled and the runner lacks the variables that say what its steps run: the server starts so
     * that it can answer 403 (and health), and no step can be started until it is configured and enabled.
     */
    record Unconfigured(String name, List<String> missingVariables) implements RunnerChoice {

        public Unconfigured {
            Objects.requireNonNull(name, "name");
            missingVariables = List.copyOf(missingVariables);
            if (missingVariables.isEmpty()) {
                throw new IllegalArgumentException("an unconfigured runner misses at least one variable");
            }
        }

        /** The one sentence the start-up warning and a refused step give. */
        public String whatEnablingNeeds() {
            return "set PIPELINE_ENABLED=true and " + String.join(", ", missingVariables) + " (PIPELINE_RUNNER=" + name
                    + "; see docs/configuration.md)";
        }

        @Override
        public String describe() {
            return name + " runner, not configured: " + String.join(", ", missingVariables) + " not set";
        }

        @Override
        public List<Map<String, String>> stepEnvironments() {
            return List.of();
        }
    }

    private static String envFileNote(Map<String, String> environment) {
        return environment.isEmpty() ? "" : ", " + environment.size() + " variables from its env file";
    }
}
