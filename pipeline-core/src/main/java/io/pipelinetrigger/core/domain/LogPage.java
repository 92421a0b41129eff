package io.pipelinetrigger.core.domain;

import java.util.Objects;

/**
 * One page of a job's log (docs/api.md, "Read the whole log"): cleaned text, the byte offset the next page starts
 * at, and whether more can come (the job still runs, or the page ended before the log does).
 */
public record LogPage(String text, long nextOffset, boolean more) {

    public LogPage {
        Objects.requireNonNull(text, "text");
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must not be negative, got " + nextOffset);
        }
    }
}
