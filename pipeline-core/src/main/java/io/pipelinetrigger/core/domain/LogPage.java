package io.pipelinetrigger.core.domain;

import java.util.Objects;

/**
 * One page of a job's log (docs/api.md, "Read the whole log"): cleaned text, the byte offset the next page starts
 * at, whether more can come (the job still runs, or the page ended before the log does), and how many bytes the
 * log had when the page was read (a reader far behind that knows it: docs/architecture.md, "The event stream").
 */
public record LogPage(String text, long nextOffset, boolean more, long logBytes) {

    public LogPage {
        Objects.requireNonNull(text, "text");
        if (nextOffset < 0 || logBytes < nextOffset) {
            throw new IllegalArgumentException("a page must end within the log, got nextOffset " + nextOffset
                    + " of " + logBytes + " bytes");
        }
    }

    /** A page that ends where the log ends so far. */
    public LogPage(String text, long nextOffset, boolean more) {
        this(text, nextOffset, more, nextOffset);
    }
}
