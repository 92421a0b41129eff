package io.pipelinetrigger.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the operator wants one step's container: the image, an optional command that replaces the image's
 * (the step's arguments, e.g. the dbt command word, are appended to it, as {@code docker compose run dbt daily}
 * would), the environment read from the step's env file, and the ConfigMaps and Secrets whose keys become
 * environment variables by reference (their values never pass through this server). The environment core
 * decides per run (docs/kubernetes.md, "What a step's pod is") wins over the env file.
 */
public record KubernetesStepConfig(String image, Optional<List<String>> command, Map<String, String> environment,
                                   List<String> configMaps, List<String> secrets, Map<String, String> requests,
                                   Map<String, String> limits) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public KubernetesStepConfig {
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("A step image is a name such as \"ghcr.io/acme/dbt:1.8\"; got "
                    + (image == null ? "nothing" : "\"" + image + "\"") + ".");
        }
        Objects.requireNonNull(command, "command");
        command = command.map(List::copyOf);
        if (command.isPresent() && command.get().isEmpty()) {
            throw new IllegalArgumentException("A command override needs at least the program; leave it out to keep the image's command.");
        }
        environment = Map.copyOf(environment);
        environment.keySet().forEach(KubernetesStepConfig::requireEnvironmentName);
        configMaps = List.copyOf(configMaps);
        configMaps.forEach(name -> KubernetesNames.requireObjectName(name, "ConfigMap"));
        secrets = List.copyOf(secrets);
        secrets.forEach(name -> KubernetesNames.requireObjectName(name, "Secret"));
        requests = Quantities.checked(requests, "request");
        limits = Quantities.checked(limits, "limit");
    }

    /** The image with its own command, no extra environment, ConfigMaps or Secrets. */
    public static KubernetesStepConfig of(String image) {
        return new KubernetesStepConfig(image, Optional.empty(), Map.of(), List.of(), List.of(), Map.of(), Map.of());
    }

    public KubernetesStepConfig withCommand(List<String> newCommand) {
        return new KubernetesStepConfig(image, Optional.of(newCommand), environment, configMaps, secrets, requests, limits);
    }

    public KubernetesStepConfig withEnvironment(Map<String, String> newEnvironment) {
        return new KubernetesStepConfig(image, command, newEnvironment, configMaps, secrets, requests, limits);
    }

    /** Every key of these ConfigMaps becomes a variable of the step ({@code envFrom}), in this order. */
    public KubernetesStepConfig withConfigMaps(List<String> names) {
        return new KubernetesStepConfig(image, command, environment, names, secrets, requests, limits);
    }

    /** Every key of these Secrets becomes a variable of the step ({@code envFrom}), read by the kubelet, not by us. */
    public KubernetesStepConfig withSecrets(List<String> names) {
        return new KubernetesStepConfig(image, command, environment, configMaps, names, requests, limits);
    }

    /** Resource requests, e.g. {@code cpu=500m, memory=1Gi}: what the scheduler reserves for the step's pod. */
    public KubernetesStepConfig withRequests(Map<String, String> quantities) {
        return new KubernetesStepConfig(image, command, environment, configMaps, secrets, quantities, limits);
    }

    /** Resource limits, e.g. {@code memory=2Gi}: above its memory limit the step is killed (OOMKilled). */
    public KubernetesStepConfig withLimits(Map<String, String> quantities) {
        return new KubernetesStepConfig(image, command, environment, configMaps, secrets, requests, quantities);
    }

    private static void requireEnvironmentName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an environment variable name (letters, digits, '_', '.' or '-', not starting with a digit).");
        }
    }
}
