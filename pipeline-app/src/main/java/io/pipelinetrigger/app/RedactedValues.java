package io.pipelinetrigger.app;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values that must never appear in a job's output: every {@code PIPELINE_REDACT} value, the API tokens,
 * the job store's password, and each value of the step env files that is at least
 * {@value #MIN_ENV_FILE_VALUE_LENGTH} characters long. Shorter env file values ({@code true}, {@code 5432},
 * {@code prod}) are left alone: redacting them would shred the output wherever those words appear, and a
 * secret that short would not be a secret anyway; list one in {@code PIPELINE_REDACT} to redact it regardless.
 */
final class RedactedValues {

    static final int MIN_ENV_FILE_VALUE_LENGTH = 8;

    private RedactedValues() {
    }

    static Set<String> of(AppConfig config) {
        Set<String> values = new LinkedHashSet<>(config.security().redact());
        values.addAll(config.security().apiTokens());
        config.store().password().ifPresent(values::add);
        for (Map<String, String> environment : stepEnvironments(config.runner())) {
            environment.values().stream().filter(value -> value.length() >= MIN_ENV_FILE_VALUE_LENGTH).forEach(values::add);
        }
        values.removeIf(String::isEmpty);
        return Set.copyOf(values);
    }

    private static Collection<Map<String, String>> stepEnvironments(RunnerSettings runner) {
        if (runner instanceof ProcessRunnerSettings process) {
            return process.steps().values().stream().map(ProcessRunnerSettings.Step::environment).collect(Collectors.toList());
        }
        if (runner instanceof DockerRunnerSettings docker) {
            return docker.steps().values().stream().map(DockerRunnerSettings.Step::environment).collect(Collectors.toList());
        }
        return List.of();
    }
}
