package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.application.TriggerSettings;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.OutputLimit;
import io.pipelinetrigger.core.port.in.Schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server reads from its environment (docs/configuration.md), each variable parsed once, the
 * runner's and the store's straight into the adapters' own configs; {@code console} serves the web console
 * (docs/console.md); {@code schedules} are those of {@code PIPELINE_SCHEDULES_FILE} (docs/schedules.md). {@code warnings} are things worth a log
 * line that do not stop start-up (an ignored variable, a likely typo).
 */
public record AppConfig(boolean enabled, String host, int port, FeatureFlags defaultFlags, Duration jobRetention,
                        int outputLimitBytes, RunnerChoice runner, StoreSettings store, Duration stopGrace,
                        Optional<Duration> stepTimeout, SecuritySettings security, List<String> warnings,
                        boolean console, WebhookConfig webhooks, BusySettings busy, List<Schedule> schedules,
                        ReplicaSettings replica, LeaseConfig leases) {

    static final int DEFAULT_PORT = 3000;

    public AppConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultFlags, "defaultFlags");
        Objects.requireNonNull(jobRetention, "jobRetention");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(webhooks, "webhooks");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(busy, "busy");
        schedules = List.copyOf(schedules);
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(leases, "leases");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** @throws ConfigException with the one sentence naming the first wrong variable, in the order of docs/configuration.md */
    public static AppConfig fromEnvironment(Map<String, String> environment) {
        Variables variables = new Variables(environment);
        boolean enabled = variables.bool(Variables.PIPELINE_ENABLED, false);
        String host = Hosts.validate(Variables.HOST, variables.text(Variables.HOST).orElse("0.0.0.0"));
        int port = variables.wholeNumber(Variables.PORT, DEFAULT_PORT, 0, 65_535);
        FeatureFlags flags = new FeatureFlags(variables.bool(Variables.ENABLE_OPENLINEAGE, true),
                variables.bool(Variables.ENABLE_ELEMENTARY, true));
        Duration stopGrace = variables.duration(Variables.PIPELINE_STOP_GRACE, TriggerSettings.DEFAULT_STOP_GRACE);
        Optional<Duration> stepTimeout = variables.optionalDuration(Variables.PIPELINE_STEP_TIMEOUT);
        RunnerChoice runner = RunnerReader.read(variables, enabled, stopGrace, stepTimeout);
        Duration retention = variables.duration(Variables.PIPELINE_JOB_RETENTION, TriggerSettings.DEFAULT_RETENTION);
        int outputLimit = variables.wholeNumber(Variables.PIPELINE_OUTPUT_LIMIT_BYTES, OutputLimit.DEFAULT_BYTES,
                OutputLimit.MIN_BYTES, OutputLimit.MAX_BYTES);
        StoreSettings store = StoreSettings.read(variables);
        SecuritySettings security = SecuritySettings.read(variables);
        WebhookConfig webhooks = WebhookConfig.read(variables, host, port);
        List<String> warnings = new ArrayList<>(variables.unknownLookalikes());
        warnings.addAll(RunnerReader.ignoredBy(runner, variables));
        warnings.addAll(security.warnings());
        boolean console = variables.bool(Variables.PIPELINE_CONSOLE, true);
        ReplicaSettings replica = ReplicaSettings.read(variables);
        return new AppConfig(enabled, host, port, flags, retention, outputLimit, runner, store, stopGrace, stepTimeout,
                security, warnings, console, webhooks, BusySettings.read(variables), ScheduleFile.read(variables),
                replica, LeaseConfig.read(variables, store, replica));
    }
}
