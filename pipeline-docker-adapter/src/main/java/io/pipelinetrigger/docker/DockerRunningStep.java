package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A step's container after start (or after a restart, found again): its logs are followed from its start
 * and a wait is registered. The exit is read by inspecting the container once the wait ends; closing
 * removes the container, detaching leaves it to a restarted server.
 */
final class DockerRunningStep implements RunningStep {

    private static final System.Logger LOG = System.getLogger(DockerRunningStep.class.getName());

    /** After the container exited, how long its log stream may stay silent before we stop waiting for the rest. */
    static final Duration LOG_IDLE_LIMIT_AFTER_EXIT = Duration.ofSeconds(30);
    /** A wait can end while the container still runs (a dropped connection); how often we register it again. */
    private static final int MAX_WAITS = 10;
    /** A log stream can end early too (a dropped connection); how often we open it again before we give up on it. */
    private static final int MAX_LOG_STREAMS = 10;

    /** Who still holds the container: we follow it, we let go of it for a restart, or we are done with it. */
    private enum Hold { FOLLOWING, DETACHED, CLOSED }

    private final DockerEngine engine;
    private final JobId jobId;
    private final StepName step;
    private final String containerId;
    private final String containerName;
    private final Optional<Long> memoryLimitBytes;
    private final Duration engineCheckInterval;
    private volatile LogFollower logs;
    private int logStreams = 1;
    private volatile ExitWatcher exit;
    private final Object exitLock = new Object();
    private StepOutcome outcome;
    private final AtomicReference<Hold> hold = new AtomicReference<>(Hold.FOLLOWING);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private DockerRunningStep(DockerEngine engine, StepSpec spec, String containerId, String containerName,
                              Optional<Long> memoryLimitBytes, Duration engineCheckInterval, LogFollower logs,
                              ExitWatcher exit) {
        this.engine = engine;
        this.jobId = spec.jobId();
        this.step = spec.step();
        this.containerId = containerId;
        this.containerName = containerName;
        this.memoryLimitBytes = memoryLimitBytes;
        this.engineCheckInterval = engineCheckInterval;
        this.logs = logs;
        this.exit = exit;
    }

    /**
     * Follows a container that was started: its log from the start into {@code sink}, and a wait. A wait on
     * a created-but-not-started container would end at once, so the caller starts it first; on an exited one
     * it ends at once too, so a step that is already over is not missed.
     *
     * @throws EngineCallException when the streams cannot be opened (nothing is left open then)
     */
    static DockerRunningStep follow(DockerEngine engine, StepSpec spec, String containerId, String containerName,
                                    Optional<Long> memoryLimitBytes, Duration engineCheckInterval, LogSink sink) {
        LogFollower logs = new LogFollower(spec.jobId(), spec.step(), sink);
        ExitWatcher exit = new ExitWatcher();
        try {
            engine.followLogs(containerId, logs);
            engine.watchExit(containerId, exit);
        } catch (EngineCallException e) {
            logs.close();
            exit.close();
            throw e;
        }
        return new DockerRunningStep(engine, spec, containerId, containerName, memoryLimitBytes, engineCheckInterval,
                logs, exit);
    }

    @Override
    public String id() {
        return containerId;
    }

    @Override
    public StepOutcome awaitExit() throws InterruptedException {
        synchronized (exitLock) {
            if (outcome == null) {
                outcome = followToExit();
                LOG.log(System.Logger.Level.DEBUG, "job " + jobId + ": container " + containerName + " ended: " + outcome);
            }
            return outcome;
        }
    }

    private StepOutcome followToExit() throws InterruptedException {
        for (int waits = 1; ; ) {
            boolean waitEnded = exit.await(engineCheckInterval);
            if (hold.get() != Hold.FOLLOWING) {
                return failed(hold.get() == Hold.DETACHED
                        ? "Stopped following the " + step.wireName() + " step; its container " + containerName
                                + " runs on, for a restarted server to reattach to."
                        : "Step " + step.wireName() + " was let go of before it exited; its container was removed.");
            }
            Optional<ContainerState> state;
            try {
                state = engine.inspect(containerId);
            } catch (EngineCallException e) {
                return letGo(engineLost(e));
            }
            if (state.isEmpty()) {
                return letGo("The container of step " + step.wireName() + " (" + containerName
                        + ") vanished before its exit could be read; was it removed by someone else?");
            }
            if (!state.get().running()) {
                exit.close();
                if (!engine.acceptsConnections()) { // shutting down: it stopped the step, the step did not end by itself
                    return letGo(engineLost(EngineCallException.noAnswer(engine.dockerHost(), "it no longer accepts"
                            + " connections, as an engine does that shuts down and stops its containers")));
                }
                awaitRestOfOutput();
                return state.get().outcome(step, memoryLimitBytes, logs.firstStderrLine());
            }
            if (logs.awaitEnded(Duration.ZERO)) {
                reopenLogs("ended while the container still runs");
            }
            if (!waitEnded) {
                continue; // the engine answers and the step runs on: keep waiting
            }
            if (waits++ == MAX_WAITS) {
                return letGo("The wait on step " + step.wireName() + " kept ending while its container ("
                        + containerName + ") still ran.");
            }
            String why = exit.failure().map(Throwable::toString).orElse("no reason given");
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the wait on container " + containerName
                    + " ended while it still runs (" + why + "); waiting again");
            try {
                exit = engine.watchExit(containerId, new ExitWatcher());
            } catch (EngineCallException e) {
                return letGo(engineLost(e));
            }
            if (hold.get() != Hold.FOLLOWING) {
                exit.close(); // let go of meanwhile: the new wait must not outlive the handle
            }
        }
    }

    /**
     * Opens the container's log stream again after the last one ended early, so that no output is lost to a
     * dropped connection: the engine replays the log from its start and the new follower skips what was handed
     * on (docs/docker.md, "When the log stream breaks").
     */
    private void reopenLogs(String why) {
        LogFollower broken = logs;
        LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName + " "
                + why + " (" + broken.failure().map(Throwable::toString).orElse("no reason given")
                + "); opening it again after " + broken.bytesSeen() + " bytes");
        openLogsAgain();
    }

    /** A new log stream that goes on after what the current one handed on; false when none was opened. */
    private boolean openLogsAgain() {
        if (hold.get() != Hold.FOLLOWING || logStreams == MAX_LOG_STREAMS) {
            return false;
        }
        LogFollower next = logs.continued();
        try {
            engine.followLogs(containerId, next);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not open the log stream of container "
                    + containerName + " again: " + e.engineMessage());
            return false;
        }
        logStreams++;
        logs = next;
        if (hold.get() != Hold.FOLLOWING) {
            next.close(); // let go of meanwhile: the new stream must not outlive the handle
        }
        return true;
    }

    private String engineLost(EngineCallException e) {
        return e.engineDidNotAnswer()
                ? "The Docker engine stopped answering while the " + step.wireName() + " step ran: "
                        + ContainerState.sentence(e.engineMessage())
                : "The Docker engine could not tell how the " + step.wireName() + " step ended: "
                        + ContainerState.sentence(e.engineMessage());
    }

    private StepOutcome letGo(String reason) {
        logs.close();
        exit.close();
        return failed(reason);
    }

    /**
     * Reads the rest of an exited container's log. A stream opened while the container ran can end at its exit
     * without its last lines: an engine's follow may stop seeing new writes to the log and then close at the exit
     * as if it were done (seen with Docker 20.10). So such a stream is never taken as the whole log: one more
     * stream, opened now that the log is complete, goes on after the bytes handed on (docs/docker.md, "When the
     * log stream breaks"). A stream opened after the exit is the whole log once it ends without a failure.
     */
    private void awaitRestOfOutput() throws InterruptedException {
        boolean openedAfterExit = false;
        long handedOnBeforeExit = 0;
        while (true) {
            if (!logs.awaitEnd(LOG_IDLE_LIMIT_AFTER_EXIT)) {
                LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName
                        + " stayed silent for " + LOG_IDLE_LIMIT_AFTER_EXIT.toSeconds()
                        + " s after it exited; reporting the exit without waiting for the rest of its output");
                logs.close();
                return;
            }
            LogFollower ended = logs;
            if (ended.failure().isEmpty() && openedAfterExit) {
                reportMissedOutput(ended.bytesSeen() - handedOnBeforeExit);
                return; // the whole log was read
            }
            if (!openedAfterExit) {
                handedOnBeforeExit = ended.handedOnUpTo();
            }
            if (ended.failure().isPresent()) {
                reopenLogs("broke off before the whole log was read");
            } else {
                openLogsAgain();
            }
            if (logs == ended) {
                if (ended.failure().isPresent()) {
                    LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container "
                            + containerName + " broke off; its output may be incomplete (" + ended.failure().get() + ")");
                }
                return;
            }
            openedAfterExit = true;
        }
    }

    private void reportMissedOutput(long missed) {
        if (missed > 0) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName
                    + " ended at its exit without its last " + missed + " bytes; they were read from its log after the"
                    + " exit");
        }
    }

    private static StepOutcome failed(String reason) {
        return new StepOutcome.Failed(reason, OptionalInt.empty());
    }

    /**
     * Returns at once (a cancel arrives on an HTTP thread): the engine's stop call blocks until the container
     * has stopped, so it runs on a thread of its own. The engine sends the stop signal and kills the container
     * once {@code grace} has passed, whether or not anyone still listens for the answer.
     */
    @Override
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            return; // a stop is already on its way
        }
        LOG.log(System.Logger.Level.INFO, "job " + jobId + ": stopping container " + containerName
                + " (kill after " + grace + ")");
        Thread stopper = new Thread(() -> stopNow(grace), "pipeline-stop-" + containerName);
        stopper.setDaemon(true);
        stopper.start();
    }

    private void stopNow(Duration grace) {
        try {
            engine.stop(containerId, grace);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not stop container " + containerName
                    + ": " + e.engineMessage());
        } finally {
            stopping.set(false);
        }
    }

    /**
     * Stops following the container without stopping or removing it, so that a restarted server can reattach
     * to it: closes the log and wait streams (which ends docker-java's threads), and a thread blocked in
     * {@link #awaitExit()} returns at once.
     */
    @Override
    public void detach() {
        if (hold.compareAndSet(Hold.FOLLOWING, Hold.DETACHED)) {
            logs.close();
            exit.close();
            LOG.log(System.Logger.Level.INFO, "job " + jobId + ": stopped following container " + containerName
                    + "; it runs on for a restarted server to reattach to");
        }
    }

    /** Removes the container (killing it if it still runs) and lets go of its streams; after detach, only the latter. */
    @Override
    public void close() {
        Hold before = hold.getAndSet(Hold.CLOSED);
        if (before == Hold.CLOSED) {
            return;
        }
        logs.close();
        exit.close();
        if (before == Hold.DETACHED) {
            return; // left for a restarted server
        }
        try {
            engine.remove(containerId);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not remove container " + containerName
                    + "; remove it by hand (docker rm -f " + containerName + "): " + e.engineMessage());
        }
    }
}
