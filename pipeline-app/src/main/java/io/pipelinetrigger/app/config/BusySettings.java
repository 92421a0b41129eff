package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.application.TriggerSettings;
import io.pipelinetrigger.core.domain.BusyPolicy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trigger does while another run is active, when it does not say (docs/configuration.md and docs/api.md,
 * "When the pipeline is busy"): {@code PIPELINE_ON_BUSY}, {@code PIPELINE_QUEUE_LIMIT}, {@code PIPELINE_QUEUE_TIMEOUT}.
 */
public record BusySettings(BusyPolicy defaultOnBusy, int queueLimit, Optional<Duration> defaultQueueTimeout) {

    /** More waiting jobs than this is a queue nobody watches. */
    static final int MAX_QUEUE_LIMIT = 1000;

    public BusySettings {
        Objects.requireNonNull(defaultOnBusy, "defaultOnBusy");
        Objects.requireNonNull(defaultQueueTimeout, "defaultQueueTimeout");
    }

    static BusySettings read(Variables variables) {
        List<String> policies = Arrays.stream(BusyPolicy.values()).map(BusyPolicy::wireName).toList();
        String policy = variables.choice(Variables.PIPELINE_ON_BUSY, BusyPolicy.REJECT.wireName(), policies);
        int limit = variables.wholeNumber(Variables.PIPELINE_QUEUE_LIMIT, TriggerSettings.DEFAULT_QUEUE_LIMIT, 0,
                MAX_QUEUE_LIMIT);
        Optional<Duration> timeout = variables.optionalDuration(Variables.PIPELINE_QUEUE_TIMEOUT);
        return new BusySettings(BusyPolicy.fromWireName(Variables.PIPELINE_ON_BUSY, policy), limit, timeout);
    }
}
