package io.pipelinetrigger.core.domain;

import java.util.Locale;

/**
 * A job's lifecycle. {@code running} is where a job starts, unless it waits in the queue first ({@code queued},
 * docs/api.md "When the pipeline is busy"); the others are terminal. A poll loop must wait while the status is
 * {@code queued} or {@code running}.
 */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING && this != QUEUED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
