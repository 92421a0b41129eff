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
 * A step's container after start (or after a restart, found again): its log is followed from its start (kept
 * whole by {@link ContainerLog}) and a wait is registered. The exit is read by inspecting the container once the
 * wait ends; closing
 * removes the container, detaching leaves it to a restarted server.
 */
final class DockerRunningStep implements RunningStep {

    private static final System.Logger LOG = System.getLogger(DockerRunningStep.class.getName());

    /** A wait can end while the container still runs (a dropped connection); how often we register it again. */
    private static final int MAX_WAITS = 10;

    /** Who still holds the container: we follow it, we let go of it for a restart, or we are done with it. */
    private enum Hold { FOLLOWING, DETACHED, CLOSED }

    private final DockerEngine engine;
    private final JobId jobId;
    private final StepName step;
    private final String containerId;
    private final String containerName;
    private final Optional<Long> memoryLimitBytes;
    private final Duration engineCheckInterval;
    private final ContainerLog containerLog;
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
        this.containerLog = new ContainerLog(engine, jobId, containerId, containerName, logs,
                () -> hold.get() == Hold.FOLLOWING);
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
                containerLog.readRestAfterExit();
                return state.get().outcome(step, memoryLimitBytes, containerLog.firstStderrLine());
            }
            containerLog.reopenIfEnded();
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

    private String engineLost(EngineCallException e) {
        return e.engineDidNotAnswer()
                ? "The Docker engine stopped answering while the " + step.wireName() + " step ran: "
                        + ContainerState.sentence(e.engineMessage())
                : "The Docker engine could not tell how the " + step.wireName() + " step ended: "
                        + ContainerState.sentence(e.engineMessage());
    }

    private StepOutcome letGo(String reason) {
        containerLog.close();
        exit.close();
        return failed(reason);
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
            containerLog.close();
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
        containerLog.close();
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
