package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The values that must never appear in a job's output: every {@code PIPELINE_REDACT} value, the API tokens,
 * the job store's password, the webhook secret, and each value of the step env files that is at least
 * {@value #MIN_ENV_FILE_VALUE_LENGTH} characters long. Shorter env file values ({@code true}, {@code 5432},
 * {@code prod}) are left alone: redacting them would shred the output wherever those words appear, and a
 * secret that short would not be a secret anyway; list one in {@code PIPELINE_REDACT} to redact it regardless.
 */
public final class RedactedValues {

    static final int MIN_ENV_FILE_VALUE_LENGTH = 8;

    private RedactedValues() {
    }

    public static Set<String> of(AppConfig config) {
        Set<String> values = new LinkedHashSet<>(config.security().redact());
        values.addAll(config.security().apiTokens());
        config.store().jdbc().password().ifPresent(values::add);
        config.webhooks().secretValue().ifPresent(values::add);
        for (Map<String, String> environment : config.runner().stepEnvironments()) {
            environment.values().stream().filter(value -> value.length() >= MIN_ENV_FILE_VALUE_LENGTH).forEach(values::add);
        }
        values.removeIf(String::isEmpty);
        return Set.copyOf(values);
    }
}
