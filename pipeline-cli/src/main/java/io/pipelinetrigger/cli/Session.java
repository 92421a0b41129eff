package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A command's connection: the API, the streams, and how to ride out a server that is gone for a while. */
final class Session {

    /** How long a wait or a follow keeps trying while the server is away (a restart, a dropped link). */
    static final Duration RECONNECT_WINDOW = Duration.ofMinutes(2);

    private final Api api;
    private final Io io;
    private final boolean json;

    Session(Api api, Io io, boolean json) {
        this.api = api;
        this.io = io;
        this.json = json;
    }

    Api api() {
        return api;
    }

    Io io() {
        return io;
    }

    boolean json() {
        return json;
    }

    /** The body of a 2xx answer as JSON. @throws CliException with the refusal's exit code otherwise */
    JsonNode accepted(Reply reply) {
        if (!reply.ok()) {
            throw reply.refusal();
        }
        return reply.json();
    }

    JobView job(String jobId, int waitSeconds) {
        return JobView.of(accepted(api.job(jobId, waitSeconds, false)));
    }

    /**
     * {@code call} again while the server is unreachable or answers 5xx, with growing pauses, until it has
     * been away for {@link #RECONNECT_WINDOW}. Says once that it lost the server, and once that it is back.
     */
    <T> T resilient(Supplier<T> call, String resumeNote) {
        Instant lostAt = null;
        Duration pause = Duration.ofMillis(250);
        while (true) {
            try {
                T result = call.get();
                if (lostAt != null) {
                    io.err().println("pipeline-trigger: the server is back; " + resumeNote);
                }
                return result;
            } catch (CliException e) {
                if (!e.transientFailure()) {
                    throw e;
                }
                Instant now = io.clock().instant();
                if (lostAt == null) {
                    lostAt = now;
                    io.err().println("pipeline-trigger: " + e.getMessage() + "; retrying for up to " + Durations.format(RECONNECT_WINDOW));
                } else if (Duration.between(lostAt, now).compareTo(RECONNECT_WINDOW) >= 0) {
                    throw e;
                }
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : pause.multipliedBy(2);
            }
        }
    }

    void sleep(Duration duration) {
        try {
            io.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.CANCELLED, "interrupted");
        }
    }

    /** A 5xx answer becomes a transient failure, so {@link #resilient} rides it out. */
    Reply noServerError(Reply reply) {
        if (reply.status() >= 500) {
            throw new CliException(ExitCodes.UNAVAILABLE, "the server answered " + reply.status());
        }
        return reply;
    }
}
