package io.pipelinetrigger.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the operator wants one step's container: the image, an optional command that replaces the image's
 * (the step's arguments, e.g. the dbt command word, are appended to it, as {@code docker compose run dbt daily}
 * would), the environment read from the step's env file, binds as {@code host:container[:ro|rw]}, and an
 * optional memory limit. The environment core decides per run (docs/architecture.md) wins over this one.
 */
public record DockerStepConfig(String image, Optional<List<String>> command, Map<String, String> environment,
                               List<String> binds, Optional<Long> memoryLimitBytes) {

    /** Docker refuses limits below 6 MiB. */
    private static final long SMALLEST_MEMORY_LIMIT = 6L * 1024 * 1024;
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    public DockerStepConfig {
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
        environment.keySet().forEach(DockerStepConfig::requireEnvironmentName);
        binds = List.copyOf(binds);
        binds.forEach(DockerStepConfig::requireBind);
        Objects.requireNonNull(memoryLimitBytes, "memoryLimitBytes");
        memoryLimitBytes.filter(limit -> limit < SMALLEST_MEMORY_LIMIT).ifPresent(limit -> {
            throw new IllegalArgumentException("A memory limit must be at least 6 MiB (" + SMALLEST_MEMORY_LIMIT
                    + " bytes); got " + limit + ".");
        });
    }

    /** The image with its own command, no extra environment, binds or memory limit. */
    public static DockerStepConfig of(String image) {
        return new DockerStepConfig(image, Optional.empty(), Map.of(), List.of(), Optional.empty());
    }

    public DockerStepConfig withCommand(List<String> newCommand) {
        return new DockerStepConfig(image, Optional.of(newCommand), environment, binds, memoryLimitBytes);
    }

    public DockerStepConfig withEnvironment(Map<String, String> newEnvironment) {
        return new DockerStepConfig(image, command, newEnvironment, binds, memoryLimitBytes);
    }

    public DockerStepConfig withBinds(List<String> newBinds) {
        return new DockerStepConfig(image, command, environment, newBinds, memoryLimitBytes);
    }

    public DockerStepConfig withMemoryLimitBytes(long limit) {
        return new DockerStepConfig(image, command, environment, binds, Optional.of(limit));
    }

    private static void requireEnvironmentName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an environment variable name (letters, digits, '_' or '.', not starting with a digit).");
        }
    }

    /** {@code host:container[:ro|rw]}, host an absolute path or a volume name, container an absolute path. */
    private static void requireBind(String bind) {
        String[] parts = bind.split(":", -1);
        boolean wellFormed = (parts.length == 2 || parts.length == 3)
                && (parts[0].startsWith("/") || VOLUME_NAME.matcher(parts[0]).matches())
                && parts[1].startsWith("/")
                && (parts.length == 2 || parts[2].equals("ro") || parts[2].equals("rw"));
        if (!wellFormed) {
            throw new IllegalArgumentException("A volume is \"host:container\" or \"host:container:ro\" with absolute paths"
                    + " (or a volume name on the host side), e.g. \"/srv/dbt/profiles:/root/.dbt:ro\"; got \"" + bind + "\".");
        }
    }
}
