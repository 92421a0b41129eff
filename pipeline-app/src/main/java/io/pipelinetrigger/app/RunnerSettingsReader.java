package io.pipelinetrigger.app;

import io.pipelinetrigger.core.domain.StepName;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code PIPELINE_RUNNER} and the step variables that runner needs (DESIGN §4). */
final class RunnerSettingsReader {

    static final String PROCESS = "process";
    static final String DOCKER = "docker";

    private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
    private static final List<String> DOCKER_ONLY = List.of(Variables.PIPELINE_INGESTER_IMAGE, Variables.PIPELINE_DBT_IMAGE,
            Variables.PIPELINE_INGESTER_VOLUMES, Variables.PIPELINE_DBT_VOLUMES, Variables.PIPELINE_DOCKER_NETWORK,
            Variables.PIPELINE_DOCKER_CONFLICT_LABELS);

    private RunnerSettingsReader() {
    }

    static RunnerSettings read(Variables variables) {
        String runner = variables.choice(Variables.PIPELINE_RUNNER, DOCKER, List.of(DOCKER, PROCESS));
        return runner.equals(PROCESS) ? process(variables) : docker(variables);
    }

    /** Variables that are set but mean nothing to the chosen runner: worth a warning, not a stop. */
    static List<String> ignoredBy(RunnerSettings runner, Variables variables) {
        List<String> warnings = new ArrayList<>();
        if (runner instanceof ProcessRunnerSettings) {
            DOCKER_ONLY.stream().filter(variables::isSet).forEach(name ->
                    warnings.add(name + " is set but only the docker runner reads it; PIPELINE_RUNNER is process."));
        }
        return warnings;
    }

    private static ProcessRunnerSettings process(Variables variables) {
        Map<StepName, ProcessRunnerSettings.Step> steps = new EnumMap<>(StepName.class);
        for (StepName step : StepName.values()) {
            String commandVariable = commandVariable(step);
            List<String> command = variables.command(commandVariable).orElseThrow(() -> new ConfigException(
                    commandVariable + " is required when PIPELINE_RUNNER=process: the program (and its arguments) that runs the "
                            + step.wireName() + " step, e.g. " + exampleCommand(step) + "."));
            steps.put(step, new ProcessRunnerSettings.Step(command, variables.envFile(envFileVariable(step))));
        }
        return new ProcessRunnerSettings(steps);
    }

    private static DockerRunnerSettings docker(Variables variables) {
        Map<StepName, DockerRunnerSettings.Step> steps = new EnumMap<>(StepName.class);
        for (StepName step : StepName.values()) {
            String imageVariable = imageVariable(step);
            String image = variables.text(imageVariable).orElseThrow(() -> new ConfigException(
                    imageVariable + " is required when PIPELINE_RUNNER=docker: the image of the " + step.wireName()
                            + " step, e.g. " + exampleImage(step) + "."));
            if (!NO_WHITESPACE.matcher(image).matches()) {
                throw new ConfigException(imageVariable + " must be an image reference without spaces, got "
                        + Variables.quoted(image) + ".");
            }
            steps.put(step, new DockerRunnerSettings.Step(image, variables.command(commandVariable(step)),
                    variables.envFile(envFileVariable(step)), volumes(variables, volumesVariable(step))));
        }
        return new DockerRunnerSettings(dockerHost(variables), steps, network(variables), conflictLabels(variables));
    }

    private static List<DockerRunnerSettings.VolumeBind> volumes(Variables variables, String name) {
        List<DockerRunnerSettings.VolumeBind> binds = new ArrayList<>();
        for (String entry : commaSeparated(variables.text(name))) {
            String[] parts = entry.split(":", -1);
            boolean shapeOk = (parts.length == 2 || (parts.length == 3 && (parts[2].equals("ro") || parts[2].equals("rw"))))
                    && (parts[0].startsWith("/") || VOLUME_NAME.matcher(parts[0]).matches())
                    && parts[1].startsWith("/");
            if (!shapeOk) {
                throw new ConfigException(name + " must be comma-separated host:container[:ro] binds with an absolute"
                        + " container path (e.g. /srv/dbt/profiles:/root/.dbt:ro), got " + Variables.quoted(entry) + ".");
            }
            binds.add(new DockerRunnerSettings.VolumeBind(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro")));
        }
        return binds;
    }

    private static Map<String, String> conflictLabels(Variables variables) {
        String name = Variables.PIPELINE_DOCKER_CONFLICT_LABELS;
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : commaSeparated(variables.text(name))) {
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).strip();
            String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (!LABEL_KEY.matcher(key).matches() || value.isEmpty() || value.contains("=")) {
                throw new ConfigException(name + " must be comma-separated key=value labels"
                        + " (e.g. com.docker.compose.service=dbt), got " + Variables.quoted(entry) + ".");
            }
            labels.put(key, value);
        }
        return labels;
    }

    private static Optional<String> network(Variables variables) {
        Optional<String> network = variables.text(Variables.PIPELINE_DOCKER_NETWORK);
        if (network.isPresent() && !NETWORK_NAME.matcher(network.get()).matches()) {
            throw new ConfigException(Variables.PIPELINE_DOCKER_NETWORK + " must be a docker network name of letters, digits,"
                    + " '_', '.' or '-', got " + Variables.quoted(network.get()) + ".");
        }
        return network;
    }

    private static Optional<String> dockerHost(Variables variables) {
        Optional<String> host = variables.text(Variables.DOCKER_HOST);
        if (host.isPresent() && !host.get().matches("(unix|tcp|npipe)://\\S+")) {
            throw new ConfigException(Variables.DOCKER_HOST + " must be an engine address such as unix:///var/run/docker.sock"
                    + " or tcp://127.0.0.1:2375, got " + Variables.quoted(host.get()) + ".");
        }
        return host;
    }

    private static List<String> commaSeparated(Optional<String> value) {
        return value.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip)
                .filter(entry -> !entry.isEmpty()).toList();
    }

    static String commandVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_COMMAND : Variables.PIPELINE_DBT_COMMAND;
    }

    static String envFileVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_ENV_FILE : Variables.PIPELINE_DBT_ENV_FILE;
    }

    private static String imageVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_IMAGE : Variables.PIPELINE_DBT_IMAGE;
    }

    private static String volumesVariable(StepName step) {
        return step == StepName.INGESTER ? Variables.PIPELINE_INGESTER_VOLUMES : Variables.PIPELINE_DBT_VOLUMES;
    }

    private static String exampleCommand(StepName step) {
        return step == StepName.INGESTER ? "\"python /opt/ingester/run.py\"" : "\"/opt/dbt/run.sh\"";
    }

    private static String exampleImage(StepName step) {
        return step == StepName.INGESTER ? "ghcr.io/acme/ingester:1.4" : "ghcr.io/acme/dbt:1.8";
    }
}
