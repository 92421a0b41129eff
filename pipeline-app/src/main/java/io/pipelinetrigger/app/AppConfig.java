package io.pipelinetrigger.app;

import io.pipelinetrigger.core.domain.FeatureFlags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server reads from its environment (DESIGN §4), validated. {@code warnings} are things
 * worth a log line that do not stop start-up (an ignored variable, a likely typo).
 */
record AppConfig(boolean enabled, String host, int port, FeatureFlags defaultFlags, Duration jobRetention,
                 int outputLimitBytes, RunnerSettings runner, StoreSettings store, Duration stopGrace,
                 Optional<Duration> stepTimeout, SecuritySettings security, List<String> warnings) {

    static final int DEFAULT_PORT = 3000;
    static final int DEFAULT_OUTPUT_LIMIT_BYTES = 10_240;
    static final int MIN_OUTPUT_LIMIT_BYTES = 1_024;
    static final int MAX_OUTPUT_LIMIT_BYTES = 10 * 1024 * 1024;
    static final Duration DEFAULT_JOB_RETENTION = Duration.ofHours(1);
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    AppConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultFlags, "defaultFlags");
        Objects.requireNonNull(jobRetention, "jobRetention");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(security, "security");
        warnings = List.copyOf(warnings);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** @throws ConfigException with the one sentence naming the first wrong variable, in the order of DESIGN §4 */
    static AppConfig fromEnvironment(Map<String, String> environment) {
        Variables variables = new Variables(environment);
        boolean enabled = variables.bool(Variables.PIPELINE_ENABLED, false);
        String host = Hosts.validate(Variables.HOST, variables.text(Variables.HOST).orElse("0.0.0.0"));
        int port = variables.wholeNumber(Variables.PORT, DEFAULT_PORT, 0, 65_535);
        FeatureFlags flags = new FeatureFlags(variables.bool(Variables.ENABLE_OPENLINEAGE, true),
                variables.bool(Variables.ENABLE_ELEMENTARY, true));
        RunnerSettings runner = RunnerSettingsReader.read(variables);
        Duration retention = variables.duration(Variables.PIPELINE_JOB_RETENTION, DEFAULT_JOB_RETENTION);
        int outputLimit = variables.wholeNumber(Variables.PIPELINE_OUTPUT_LIMIT_BYTES, DEFAULT_OUTPUT_LIMIT_BYTES,
                MIN_OUTPUT_LIMIT_BYTES, MAX_OUTPUT_LIMIT_BYTES);
        StoreSettings store = StoreSettings.read(variables);
        Duration stopGrace = variables.duration(Variables.PIPELINE_STOP_GRACE, DEFAULT_STOP_GRACE);
        Optional<Duration> stepTimeout = variables.optionalDuration(Variables.PIPELINE_STEP_TIMEOUT);
        SecuritySettings security = SecuritySettings.read(variables);
        List<String> warnings = new ArrayList<>(variables.unknownLookalikes());
        warnings.addAll(RunnerSettingsReader.ignoredBy(runner, variables));
        warnings.addAll(security.warnings());
        return new AppConfig(enabled, host, port, flags, retention, outputLimit, runner, store, stopGrace, stepTimeout,
                security, warnings);
    }
}
