package io.pipelinetrigger.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for a job to end with the server's long poll ({@code wait=}), without its output, showing progress
 * on stderr. A server that answers at once (no long poll) is asked once a second, never in a busy loop.
 */
final class Watcher {

    private static final Duration QUICK = Duration.ofMillis(500);

    private final Session session;
    private final boolean showProgress;

    Watcher(Session session, boolean showProgress) {
        this.session = session;
        this.showProgress = showProgress;
    }

    /** @throws CliException exit 124 when {@code timeout} passes first; the run goes on */
    JobView await(String jobId, Optional<Duration> timeout) {
        Io io = session.io();
        Instant start = io.clock().instant();
        Optional<Instant> deadline = timeout.map(start::plus);
        ProgressLine progress = new ProgressLine(io.err(), io.terminal(), jobId);
        LogCounter counter = new LogCounter(session, jobId);
        try (InterruptGuard guard = InterruptGuard.install(session, jobId)) {
            boolean first = true;
            while (true) {
                Instant asked = io.clock().instant();
                // the first look is at once, so that even a short run shows where it is
                int seconds = first ? 0 : waitSeconds(deadline, asked, io.terminal());
                JobView job = session.resilient(() -> session.job(jobId, seconds), "still waiting for " + jobId);
                if (job.ended()) {
                    progress.finish();
                    return job;
                }
                Instant now = io.clock().instant();
                if (showProgress) {
                    progress.show(job, Duration.between(start, now), io.terminal() ? counter.bytes() : 0);
                }
                if (deadline.isPresent() && !now.isBefore(deadline.get())) {
                    progress.finish();
                    throw new CliException(ExitCodes.TIMED_OUT, jobId + " is still " + job.status() + " after "
                            + Durations.format(timeout.get()) + "; it goes on (pipeline-trigger wait " + jobId + ")");
                }
                if (!first && Duration.between(asked, now).compareTo(QUICK) < 0) {
                    session.sleep(Duration.ofSeconds(1));
                }
                first = false;
            }
        }
    }

    // a terminal's line ticks every second; a log file needs no more than a line per step
    private static int waitSeconds(Optional<Instant> deadline, Instant now, boolean terminal) {
        long seconds = terminal ? 1 : 30;
        if (deadline.isPresent()) {
            seconds = Math.min(seconds, Math.max(1, Duration.between(now, deadline.get()).toSeconds()));
        }
        return (int) seconds;
    }

    /** The size of the log so far, read on from where it was (a few new bytes per tick, not the whole log). */
    private static final class LogCounter {
        private final Session session;
        private final String jobId;
        private long offset;
        private boolean available = true;

        LogCounter(Session session, String jobId) {
            this.session = session;
            this.jobId = jobId;
        }

        long bytes() {
            if (!available) {
                return offset;
            }
            try {
                Reply reply = session.api().log(jobId, offset, Optional.empty());
                if (reply.ok()) {
                    offset = Follower.nextOffset(reply, offset);
                } else {
                    available = false; // a server without /log: the line shows no size
                }
            } catch (CliException e) {
                // the next wait rides out a lost server; the size just stays
            }
            return offset;
        }
    }
}
