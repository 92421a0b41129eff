package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A step container's log as the runner reads it: one engine log stream at a time, opened again where the last
 * one left off whenever it ended too early, so that every byte the step wrote is handed on once (docs/docker.md,
 * "When the log stream breaks"). The engine replays a container's log from its start, and each new stream skips
 * what the ones before it handed on.
 */
final class ContainerLog {

    private static final System.Logger LOG = System.getLogger(ContainerLog.class.getName());

    /** After the container exited, how long its log stream may stay silent before we stop waiting for the rest. */
    static final Duration IDLE_LIMIT_AFTER_EXIT = Duration.ofSeconds(30);
    /** A log stream can end early (a dropped connection); how often we open it again before we give up on it. */
    private static final int MAX_STREAMS = 10;

    private final DockerEngine engine;
    private final JobId jobId;
    private final String containerId;
    private final String containerName;
    /** Whether the step is still followed: a stream opened after it was let go of is closed at once. */
    private final BooleanSupplier following;
    private volatile LogFollower current;
    private int streams = 1;

    ContainerLog(DockerEngine engine, JobId jobId, String containerId, String containerName, LogFollower first,
                 BooleanSupplier following) {
        this.engine = engine;
        this.jobId = jobId;
        this.containerId = containerId;
        this.containerName = containerName;
        this.current = first;
        this.following = following;
    }

    /** The first line the step wrote to stderr (see {@link LogFollower#firstStderrLine()}). */
    String firstStderrLine() {
        return current.firstStderrLine();
    }

    /** While the container runs: a stream that has ended already is opened again. */
    void reopenIfEnded() throws InterruptedException {
        if (current.awaitEnded(Duration.ZERO)) {
            reopen("ended while the container still runs");
        }
    }

    /**
     * Reads the rest of an exited container's log. A stream opened while the container ran can end at its exit
     * without its last lines: an engine's follow may stop seeing new writes to the log and then close at the exit
     * as if it were done (seen with Docker 20.10). So such a stream is never taken as the whole log: one more
     * stream, opened now that the log is complete, goes on after the bytes handed on. A stream opened after the
     * exit is the whole log once it ends without a failure.
     */
    void readRestAfterExit() throws InterruptedException {
        if (!awaitCurrentEnd()) {
            return;
        }
        long handedOnBeforeExit = current.handedOnUpTo();
        String why = current.failure().isPresent() ? "broke off before the whole log was read" : null;
        while (true) {
            LogFollower ended = current;
            boolean opened = why == null ? openAgain() : reopen(why);
            if (!opened) {
                ended.failure().ifPresent(failure -> LOG.log(System.Logger.Level.WARNING, "job " + jobId
                        + ": the log stream of container " + containerName + " broke off; its output may be"
                        + " incomplete (" + failure + ")"));
                return;
            }
            if (!awaitCurrentEnd()) {
                return;
            }
            if (current.failure().isEmpty()) {
                reportMissedOutput(current.bytesSeen() - handedOnBeforeExit);
                return; // the whole log was read
            }
            why = "broke off before the whole log was read";
        }
    }

    /** Closes the stream being read, which ends docker-java's reading thread. */
    void close() {
        current.close();
    }

    /** Waits for the current stream's end as long as output keeps coming; false (and closed) once it went silent. */
    private boolean awaitCurrentEnd() throws InterruptedException {
        if (current.awaitEnd(IDLE_LIMIT_AFTER_EXIT)) {
            return true;
        }
        LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName
                + " stayed silent for " + IDLE_LIMIT_AFTER_EXIT.toSeconds()
                + " s after it exited; reporting the exit without waiting for the rest of its output");
        current.close();
        return false;
    }

    /** Opens the stream again after the current one ended early, saying why; false when none was opened. */
    private boolean reopen(String why) {
        LogFollower broken = current;
        LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName + " "
                + why + " (" + broken.failure().map(Throwable::toString).orElse("no reason given")
                + "); opening it again after " + broken.bytesSeen() + " bytes");
        return openAgain();
    }

    /** A new stream that goes on after what the current one handed on; false when none was opened. */
    private boolean openAgain() {
        if (!following.getAsBoolean() || streams == MAX_STREAMS) {
            return false;
        }
        LogFollower next = current.continued();
        try {
            engine.followLogs(containerId, next);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not open the log stream of container "
                    + containerName + " again: " + e.engineMessage());
            return false;
        }
        streams++;
        current = next;
        if (!following.getAsBoolean()) {
            next.close(); // let go of meanwhile: the new stream must not outlive the step's handle
        }
        return true;
    }

    private void reportMissedOutput(long missed) {
        if (missed > 0) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName
                    + " ended at its exit without its last " + missed + " bytes; they were read from its log after the"
                    + " exit");
        }
    }
}
