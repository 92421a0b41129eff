package io.pipelinetrigger.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Streams a job's log to stdout byte for byte as the server sends it, by reading {@code /log} on from the
 * last offset ({@code X-Log-More} stays true until the job has ended and its last byte was read); between
 * empty reads it long-polls the job (without output), so it never spins. A lost
 * connection or a restarting server only delays it: the next read starts at the same offset.
 */
final class Follower {

    private static final Duration QUICK = Duration.ofMillis(500);

    private final Session session;
    private final Optional<String> step;
    private final java.io.PrintStream target;

    /** {@code target} is stdout, or stderr when stdout is kept for JSON. */
    Follower(Session session, Optional<String> step, java.io.PrintStream target) {
        this.session = session;
        this.step = step;
        this.target = target;
    }

    /** Follows to the job's end and returns its final view; with {@code follow} false, prints what is there. */
    JobView stream(String jobId, boolean follow) {
        Io io = session.io();
        long[] offset = {0};
        Optional<JobView> ended = Optional.empty();
        try (InterruptGuard guard = follow ? InterruptGuard.install(session, jobId) : InterruptGuard.none()) {
            while (true) {
                Reply reply = session.resilient(() -> session.noServerError(session.api().log(jobId, offset[0], step)),
                        "resuming the log at byte " + offset[0]);
                if (!reply.ok()) {
                    throw reply.refusal();
                }
                byte[] body = reply.body();
                target.write(body, 0, body.length);
                target.flush();
                offset[0] = nextOffset(reply, offset[0]);
                boolean more = reply.header("X-Log-More").map("true"::equalsIgnoreCase).orElse(false);
                if (!more) { // the server read out the last byte: the job has ended
                    JobView job = session.resilient(() -> session.job(jobId, 0), "following " + jobId);
                    if (job.ended() || !follow) {
                        return job;
                    }
                }
                if (body.length > 0) {
                    continue; // read on at once while the log grows
                }
                if (!follow) {
                    return session.job(jobId, 0); // all there is so far
                }
                if (ended.isPresent()) {
                    return ended.get();
                }
                Instant asked = io.clock().instant();
                JobView job = session.resilient(() -> session.job(jobId, 1), "following " + jobId);
                if (job.ended()) {
                    ended = Optional.of(job); // one more read drains what the last moments wrote
                } else if (Duration.between(asked, io.clock().instant()).compareTo(QUICK) < 0) {
                    session.sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    static long nextOffset(Reply reply, long offset) {
        try {
            return reply.header("X-Log-Next-Offset").map(String::trim).map(Long::parseLong).orElse(offset + reply.body().length);
        } catch (NumberFormatException e) {
            return offset + reply.body().length;
        }
    }
}
