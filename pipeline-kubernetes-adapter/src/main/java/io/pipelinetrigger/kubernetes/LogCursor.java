package io.pipelinetrigger.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a pod's log was read up to, so that a log stream opened again after a drop neither repeats nor loses a
 * line. The API's {@code sinceTime} counts whole seconds, so a reopened stream starts at the beginning of the second
 * of the last line seen: lines before that line's own (nanosecond) timestamp are skipped, and of the lines carrying
 * exactly that timestamp, as many as were already delivered.
 */
final class LogCursor {

    private Instant last;
    private int deliveredAtLast;
    private int seenAtLastThisRead;

    /** Called as each stream is opened. */
    void beginRead() {
        seenAtLastThisRead = 0;
    }

    /** The {@code sinceTime} to open the next stream with: the second of the last line delivered; empty = from the start. */
    Optional<String> sinceTime() {
        return Optional.ofNullable(last).map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Whether the line stamped {@code timestamp} is new (and so is delivered now), counting it as seen. */
    boolean isNew(Instant timestamp) {
        if (last == null || timestamp.isAfter(last)) {
            last = timestamp;
            deliveredAtLast = 1;
            seenAtLastThisRead = 1;
            return true;
        }
        if (timestamp.isBefore(last)) {
            return false;
        }
        seenAtLastThisRead++;
        if (seenAtLastThisRead > deliveredAtLast) {
            deliveredAtLast++;
            return true;
        }
        return false;
    }

    /** The RFC 3339 timestamp the API puts before each line with {@code timestamps=true}; empty when there is none. */
    static Optional<Instant> timestampOf(String prefix) {
        try {
            return Optional.of(Instant.parse(prefix));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** For the log: where the cursor is. */
    @Override
    public String toString() {
        return last == null ? "(start)" : last + " (" + deliveredAtLast + " line(s) at that instant)";
    }
}
