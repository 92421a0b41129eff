package io.pipelinetrigger.core.domain;

import java.util.Locale;

/** A job's lifecycle. {@code running} is where every job starts; the others are terminal. */
public enum JobStatus {
    RUNNING, COMPLETED, FAILED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
