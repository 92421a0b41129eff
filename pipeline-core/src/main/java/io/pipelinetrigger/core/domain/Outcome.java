package io.pipelinetrigger.core.domain;

import java.util.Locale;

/**
 * How a job ended, in one vocabulary for the job view, exit codes, event names and metrics (docs/api.md, "How
 * a job ended"). A job has none while it runs. A timeout is its own outcome so nobody has to parse {@code error}
 * to tell it from other failures.
 */
public enum Outcome {
    /** Completed, every step exited 0. */
    SUCCEEDED(JobStatus.COMPLETED),
    /** Completed, a step exited non-zero. */
    ERRORED(JobStatus.COMPLETED),
    /** Could not be carried out to its end. */
    FAILED(JobStatus.FAILED),
    /** A step ran past its timeout and was stopped. */
    TIMED_OUT(JobStatus.FAILED),
    /** Stopped on request. */
    CANCELLED(JobStatus.CANCELLED);

    private final JobStatus status;

    Outcome(JobStatus status) {
        this.status = status;
    }

    /** The status a job with this outcome has. */
    public JobStatus status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a completed job with this exit code. */
    public static Outcome ofCompletion(int exitCode) {
        return exitCode == 0 ? SUCCEEDED : ERRORED;
    }

    /** @throws IllegalArgumentException for a name this version does not know */
    public static Outcome fromWireName(String name) {
        for (Outcome outcome : values()) {
            if (outcome.wireName().equals(name)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + Quoting.quoted(name));
    }
}
