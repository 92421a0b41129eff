package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogWindow;
import io.pipelinetrigger.core.domain.StepName;

import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a job's log to read: from byte {@code offset} of the whole log (the steps' output one after the
 * other, in pipeline order) or of one step's, at most {@code limit} bytes.
 */
public record ReadLogCommand(JobId jobId, Optional<StepName> step, long offset, int limit) {

    public static final int DEFAULT_LIMIT_BYTES = LogWindow.MAX_LIMIT_BYTES;

    public ReadLogCommand {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(step, "step");
        if (offset < 0) {
            throw new InvalidRequestException("The offset must be 0 or more, got " + offset + ".");
        }
        if (limit < 1 || limit > LogWindow.MAX_LIMIT_BYTES) {
            throw new InvalidRequestException("The limit must be from 1 to " + LogWindow.MAX_LIMIT_BYTES
                    + " bytes, got " + limit + ".");
        }
    }

    /** The whole log from its start, as much as one page holds. */
    public static ReadLogCommand fromStart(JobId jobId) {
        return new ReadLogCommand(jobId, Optional.empty(), 0, DEFAULT_LIMIT_BYTES);
    }
}
