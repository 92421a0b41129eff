package io.pipelinetrigger.core.domain;

import java.util.Locale;

/** A step's lifecycle inside its job. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == SKIPPED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
