package io.pipelinetrigger.core.domain;

import java.util.Locale;

/** A step's lifecycle inside its job. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
