package io.pipelinetrigger.app;

import io.pipelinetrigger.core.domain.StepName;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code PIPELINE_RUNNER=process}: each step is a local program, run without a shell. */
record ProcessRunnerSettings(Map<StepName, Step> steps) implements RunnerSettings {

    ProcessRunnerSettings {
        if (!steps.keySet().containsAll(List.of(StepName.values()))) {
            throw new IllegalArgumentException("every step needs a command, got " + steps.keySet());
        }
        steps = Map.copyOf(new EnumMap<>(steps));
    }

    /** The program and its arguments; {@code environment} comes from the step's env file. */
    record Step(List<String> command, Map<String, String> environment) {
        Step {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a step command needs a program");
            }
        }

        String describe() {
            int arguments = command.size() - 1;
            return command.get(0) + " (+" + arguments + (arguments == 1 ? " argument" : " arguments") + ")"
                    + (environment.isEmpty() ? "" : ", " + environment.size() + " variables from its env file");
        }
    }

    Step step(StepName name) {
        return Objects.requireNonNull(steps.get(name), name::toString);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String describe() {
        return "process runner: " + List.of(StepName.values()).stream()
                .map(name -> name.wireName() + " = " + step(name).describe())
                .collect(Collectors.joining("; "));
    }
}
