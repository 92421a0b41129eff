package io.pipelinetrigger.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator runs one step on this host: the program and its arguments (run without a shell), extra
 * environment (e.g. from the step's env file) and, optionally, the working directory.
 */
public record ProcessStepConfig(List<String> command, Map<String, String> environment,
                                Optional<Path> workingDirectory) {

    public ProcessStepConfig {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("a step's command needs at least a program");
        }
    }

    public static ProcessStepConfig of(String... command) {
        return new ProcessStepConfig(List.of(command), Map.of(), Optional.empty());
    }
}
