package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/** Why a running job is being stopped, and so how it ends: cancelled, timed out, or failed with a reason. */
record StopRequest(Kind kind, String reason) {

    enum Kind { CANCEL, TIMEOUT, SHUTDOWN }

    static final String CANCELLED_REASON = "The job was cancelled on request.";

    static StopRequest cancel() {
        return new StopRequest(Kind.CANCEL, CANCELLED_REASON);
    }

    static StopRequest timeout(String stepName, Duration limit) {
        return new StopRequest(Kind.TIMEOUT, "Step " + stepName + " timed out after " + readable(limit) + ".");
    }

    static StopRequest shutdown() {
        return new StopRequest(Kind.SHUTDOWN, PipelineTrigger.SHUTDOWN_REASON);
    }

    Job end(Job job, OptionalInt exitCode, Instant now, String output) {
        return switch (kind) {
            case CANCEL -> job.cancel(reason, exitCode, now, output);
            case TIMEOUT -> job.timeOut(reason, exitCode, now, output);
            case SHUTDOWN -> job.fail(reason, exitCode, now, output);
        };
    }

    /** "45m", "1h30m", "90s": the way people write durations, not ISO-8601's PT1H30M. */
    static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
