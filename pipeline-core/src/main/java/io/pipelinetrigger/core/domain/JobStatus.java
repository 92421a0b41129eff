package io.pipelinetrigger.core.domain;

import java.util.Locale;

/**
 * A job's lifecycle. {@code running} is where every job starts; the others are terminal. Clients that loop
 * {@code while status == running} keep working as statuses are added.
 */
public enum JobStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
