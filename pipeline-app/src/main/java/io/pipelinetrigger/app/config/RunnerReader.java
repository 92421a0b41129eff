package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.docker.DockerRunnerConfig;
import io.pipelinetrigger.docker.DockerStepConfig;
import io.pipelinetrigger.process.ProcessStepConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code PIPELINE_RUNNER} and the step variables of that runner straight into the adapter's own config
 * (docs/configuration.md). The adapter's config decides what is valid; a refusal becomes the one sentence that
 * names the variable and what it allows, before any engine is contacted.
 */
final class RunnerReader {

    static final String PROCESS = "process";
    static final String DOCKER = "docker";
    static final String KUBERNETES = "kubernetes";

    private static final String BINDS = "comma-separated host:container[:ro] binds with an absolute container path"
            + " (e.g. /srv/dbt/profiles:/root/.dbt:ro)";
    private static final List<String> DOCKER_ONLY = List.of(Variables.PIPELINE_INGESTER_IMAGE, Variables.PIPELINE_DBT_IMAGE,
            Variables.PIPELINE_INGESTER_VOLUMES, Variables.PIPELINE_DBT_VOLUMES, Variables.PIPELINE_DOCKER_NETWORK,
            Variables.PIPELINE_DOCKER_CONFLICT_LABELS, Variables.PIPELINE_INSTANCE);

    private RunnerReader() {
    }

    /**
     * The runner as configured. While the API is disabled, a runner whose required step variables are missing
     * is no reason to stop: the server starts, answers 403, and says what enabling it needs
     * ({@link RunnerChoice.Unconfigured}). Every value that is given is still checked.
     */
    static RunnerChoice read(Variables variables, boolean apiEnabled, Duration stopGrace, Optional<Duration> stepTimeout) {
        String runner = variables.choice(Variables.PIPELINE_RUNNER, DOCKER, List.of(DOCKER, PROCESS, KUBERNETES));
        List<String> missing = missingRequired(variables, runner);
        if (!apiEnabled && !missing.isEmpty()) {
            return new RunnerChoice.Unconfigured(runner, missing);
        }
        return switch (runner) {
            case PROCESS -> process(variables);
            case KUBERNETES -> KubernetesReader.read(variables, stopGrace, stepTimeout);
            default -> docker(variables);
        };
    }

    private static List<String> missingRequired(Variables variables, String runner) {
        return List.of(StepName.values()).stream()
                .map(step -> runner.equals(PROCESS) ? commandVariable(step) : imageVariable(step))
                .filter(name -> !variables.isSet(name))
                .toList();
    }

    /** Variables that are set but mean nothing to the chosen runner: worth a warning, not a stop. */
    static List<String> ignoredBy(RunnerChoice runner, Variables variables) {
        List<String> warnings = new ArrayList<>();
        if (runner.name().equals(PROCESS)) {
            DOCKER_ONLY.stream().filter(variables::isSet).forEach(name ->
                    warnings.add(name + " is set but only the docker runner reads it; PIPELINE_RUNNER is process."));
        }
        if (runner.name().equals(KUBERNETES)) {
            DOCKER_ONLY.stream().filter(name -> !name.equals(Variables.PIPELINE_INSTANCE) && !name.endsWith("_IMAGE"))
                    .filter(variables::isSet).forEach(name -> warnings.add(name
                            + " is set but only the docker runner reads it; PIPELINE_RUNNER is kubernetes."));
        }
        if (!runner.name().equals(KUBERNETES)) {
            Variables.KNOWN.stream().filter(name -> name.contains("K8S_")).filter(variables::isSet).forEach(name ->
                    warnings.add(name + " is set but only the kubernetes runner reads it; PIPELINE_RUNNER is " + runner.name() + "."));
        }
        return warnings;
    }

    private static RunnerChoice.Process process(Variables variables) {
        Map<StepName, ProcessStepConfig> steps = new EnumMap<>(StepName.class);
        for (StepName step : StepName.values()) {
            String commandVariable = commandVariable(step);
            List<String> command = variables.command(commandVariable).orElseThrow(() -> new ConfigException(
                    commandVariable + " is required when PIPELINE_RUNNER=process: the program (and its arguments) that runs the "
                            + step.wireName() + " step, e.g. " + exampleCommand(step) + "."));
            Map<String, String> environment = variables.envFile(envFileVariable(step));
            steps.put(step, Variables.checked(commandVariable, variables.text(commandVariable).orElseThrow(),
                    "a program and its arguments", () -> new ProcessStepConfig(command, environment, Optional.empty())));
        }
        return new RunnerChoice.Process(steps);
    }

    private static RunnerChoice.Docker docker(Variables variables) {
        DockerRunnerConfig.Builder config = DockerRunnerConfig.builder();
        for (StepName step : StepName.values()) {
            config.step(step, dockerStep(variables, step));
        }
        variables.parsed(Variables.DOCKER_HOST, "an engine address such as unix:///var/run/docker.sock"
                + " or tcp://127.0.0.1:2375", config::dockerHost);
        variables.parsed(Variables.PIPELINE_DOCKER_NETWORK, "a docker network name of letters, digits, '_', '.' or '-'",
                config::network);
        variables.parsed(Variables.PIPELINE_INSTANCE, "1 to 32 lower-case letters, digits or '-', starting and ending"
                + " with a letter or digit (e.g. staging)", config::instance);
        for (String entry : variables.commaSeparated(Variables.PIPELINE_DOCKER_CONFLICT_LABELS)) {
            int equals = entry.indexOf('=');
            String key = (equals < 0 ? entry : entry.substring(0, equals)).strip();
            String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
            // a key alone matches any value, e.g. pipeline-trigger.step for the steps of every server on the engine
            Variables.checked(Variables.PIPELINE_DOCKER_CONFLICT_LABELS, entry, "comma-separated key=value labels or"
                    + " label keys (e.g. com.docker.compose.service=dbt)",
                    () -> equals < 0 ? config.conflictLabel(key) : config.conflictLabel(key, value));
        }
        return new RunnerChoice.Docker(config.build());
    }

    private static DockerStepConfig dockerStep(Variables variables, StepName step) {
        String imageVariable = imageVariable(step);
        String image = variables.text(imageVariable).orElseThrow(() -> new ConfigException(
                imageVariable + " is required when PIPELINE_RUNNER=docker: the image of the " + step.wireName()
                        + " step, e.g. " + exampleImage(step) + "."));
        DockerStepConfig config = Variables.checked(imageVariable, image, "an image reference without spaces",
                () -> DockerStepConfig.of(image));
        Optional<List<String>> command = variables.command(commandVariable(step));
        if (command.isPresent()) {
            DockerStepConfig withoutCommand = config;
            config = Variables.checked(commandVariable(step), variables.text(commandVariable(step)).orElseThrow(),
                    "a program and its arguments", () -> withoutCommand.withCommand(command.get()));
        }
        config = variables.envFileInto(envFileVariable(step), config, DockerStepConfig::withEnvironment);
        String volumesVariable = volumesVariable(step);
        for (String entry : variables.commaSeparated(volumesVariable)) {
            DockerStepConfig current = config;
            List<String> binds = new ArrayList<>(current.binds());
            binds.add(entry);
            requireAbsoluteHostPath(volumesVariable, entry);
            config = Variables.checked(volumesVariable, entry, BINDS, () -> current.withBinds(binds));
        }
        return config;
    }

    /** Blames the host side when that is the relative path (docker would take "./x" for nothing useful). */
    private static void requireAbsoluteHostPath(String variable, String entry) {
        String host = entry.contains(":") ? entry.substring(0, entry.indexOf(':')) : entry;
        boolean relative = !host.isEmpty() && !host.startsWith("/")
                && (host.startsWith(".") || host.startsWith("~") || host.contains("/"));
        if (relative) {
            throw new ConfigException(variable + " has the host path " + Variables.quoted(host) + " in "
                    + Variables.quoted(entry) + ", which is relative; the host side of a bind must be an absolute path"
                    + " or a volume name (e.g. /srv/dbt/profiles:/root/.dbt:ro).");
        }
    }

    static String commandVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_COMMAND : Variables.PIPELINE_DBT_COMMAND;
    }

    static String envFileVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_ENV_FILE : Variables.PIPELINE_DBT_ENV_FILE;
    }

    static String imageVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_IMAGE : Variables.PIPELINE_DBT_IMAGE;
    }

    private static String volumesVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_VOLUMES : Variables.PIPELINE_DBT_VOLUMES;
    }

    private static String exampleCommand(StepName step) {
        return step == StepName.INGESTER ? "\"python /opt/ingester/run.py\"" : "\"/opt/dbt/run.sh\"";
    }

    static String exampleImage(StepName step) {
        return step == StepName.INGESTER ? "ghcr.io/acme/ingester:1.4" : "ghcr.io/acme/dbt:1.8";
    }
}
