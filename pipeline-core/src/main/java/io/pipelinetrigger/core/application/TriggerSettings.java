package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.OutputLimit;
import io.pipelinetrigger.core.domain.OutputSanitizer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server-side knobs the use cases need: flag defaults, output tail size, retention, stop grace, the default
 * step timeout, how often a running job's output tail is saved, how its text is cleaned, and what a trigger does
 * while another run is active (busy policy, queue limit, queue timeout: docs/api.md, "When the pipeline is busy").
 */
public record TriggerSettings(FeatureFlags defaultFlags, int outputLimitBytes, Duration retention,
                              Duration stopGrace, Optional<Duration> defaultStepTimeout,
                              Duration outputSaveInterval, OutputSanitizer sanitizer, BusyPolicy defaultOnBusy,
                              int queueLimit, Optional<Duration> defaultQueueTimeout) {

    /** How long a finished job stays visible when nobody says otherwise (facade builder and server alike). */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** How long a stopped step may take to end before it is killed, when nobody says otherwise. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    /** How many jobs may wait in the queue when nobody says otherwise. */
    public static final int DEFAULT_QUEUE_LIMIT = 10;

    public TriggerSettings(FeatureFlags defaultFlags, int outputLimitBytes, Duration retention, Duration stopGrace,
                           Optional<Duration> defaultStepTimeout, Duration outputSaveInterval,
                           OutputSanitizer sanitizer) {
        this(defaultFlags, outputLimitBytes, retention, stopGrace, defaultStepTimeout, outputSaveInterval, sanitizer,
                BusyPolicy.REJECT, DEFAULT_QUEUE_LIMIT, Optional.empty());
    }

    public TriggerSettings {
        Objects.requireNonNull(defaultOnBusy, "defaultOnBusy");
        Objects.requireNonNull(defaultQueueTimeout, "defaultQueueTimeout");
        if (queueLimit < 0) {
            throw new IllegalArgumentException("queueLimit must not be negative, got " + queueLimit);
        }
        Objects.requireNonNull(sanitizer, "sanitizer");
        Objects.requireNonNull(defaultStepTimeout, "defaultStepTimeout");
        Objects.requireNonNull(outputSaveInterval, "outputSaveInterval");
        if (outputSaveInterval.isZero() || outputSaveInterval.isNegative()) {
            throw new IllegalArgumentException("outputSaveInterval must be positive, got " + outputSaveInterval);
        }
        Objects.requireNonNull(defaultFlags, "defaultFlags");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(stopGrace, "stopGrace");
        OutputLimit.require(outputLimitBytes);
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative, got " + stopGrace);
        }
    }
}
