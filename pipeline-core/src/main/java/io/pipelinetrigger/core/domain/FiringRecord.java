package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a firing: the job it started or queued, or why it was skipped (the pipeline was busy and the
 * schedule's {@code onBusy} is {@code reject}, or the queue was full). Saved in the same transaction as that job.
 */
public record FiringRecord(Firing firing, Instant firedAt, Result result, Optional<JobId> jobId,
                           Optional<String> skipReason) {

    /** How a firing ended, as the schedules list shows it. */
    public enum Result {
        STARTED, QUEUED, SKIPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Result fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public FiringRecord {
        Objects.requireNonNull(firing, "firing");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(skipReason, "skipReason");
        if ((result == Result.SKIPPED) != jobId.isEmpty() || (result == Result.SKIPPED) != skipReason.isPresent()) {
            throw new IllegalArgumentException("a skipped firing has a reason and no job; a started or queued one"
                    + " has a job and no reason");
        }
    }
}
