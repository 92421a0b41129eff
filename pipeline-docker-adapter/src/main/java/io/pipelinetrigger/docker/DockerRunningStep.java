package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A step's container after start: its logs are being followed and a wait is registered. The exit is read
 * by inspecting the container once the wait ends; closing removes the container.
 */
final class DockerRunningStep implements RunningStep {

    private static final System.Logger LOG = System.getLogger(DockerRunningStep.class.getName());

    /** After the container exited, how long its log stream may stay silent before we stop waiting for the rest. */
    static final Duration LOG_IDLE_LIMIT_AFTER_EXIT = Duration.ofSeconds(30);
    /** A wait can end while the container still runs (a dropped connection); how often we register it again. */
    private static final int MAX_WAITS = 10;

    private final DockerEngine engine;
    private final JobId jobId;
    private final StepName step;
    private final String containerId;
    private final String containerName;
    private final Optional<Long> memoryLimitBytes;
    private final LogFollower logs;
    private volatile ExitWatcher exit;
    private final Object exitLock = new Object();
    private StepOutcome outcome;
    private final AtomicBoolean closed = new AtomicBoolean();

    DockerRunningStep(DockerEngine engine, JobId jobId, StepName step, String containerId, String containerName,
                      Optional<Long> memoryLimitBytes, LogFollower logs, ExitWatcher exit) {
        this.engine = engine;
        this.jobId = jobId;
        this.step = step;
        this.containerId = containerId;
        this.containerName = containerName;
        this.memoryLimitBytes = memoryLimitBytes;
        this.logs = logs;
        this.exit = exit;
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
        for (int waits = 1; ; waits++) {
            exit.await();
            if (closed.get()) {
                return failed("Step " + step.wireName() + " was let go of before it exited; its container was removed.");
            }
            Optional<ContainerState> state;
            try {
                state = engine.inspect(containerId);
            } catch (EngineCallException e) {
                logs.close();
                return failed("Lost contact with the Docker engine while step " + step.wireName() + " ran: "
                        + ContainerState.sentence(e.engineMessage()));
            }
            if (state.isEmpty()) {
                logs.close();
                return failed("The container of step " + step.wireName() + " (" + containerName
                        + ") vanished before its exit could be read; was it removed by someone else?");
            }
            if (!state.get().running()) {
                awaitRestOfOutput();
                return state.get().outcome(step, memoryLimitBytes, logs.firstStderrLine());
            }
            if (waits == MAX_WAITS) {
                logs.close();
                return failed("The wait on step " + step.wireName() + " kept ending while its container ("
                        + containerName + ") still ran.");
            }
            String why = exit.failure().map(Throwable::toString).orElse("no reason given");
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the wait on container " + containerName
                    + " ended while it still runs (" + why + "); waiting again");
            exit = engine.watchExit(containerId, new ExitWatcher());
        }
    }

    private void awaitRestOfOutput() throws InterruptedException {
        if (!logs.awaitEnd(LOG_IDLE_LIMIT_AFTER_EXIT)) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log stream of container " + containerName
                    + " stayed silent for " + LOG_IDLE_LIMIT_AFTER_EXIT.toSeconds()
                    + " s after it exited; reporting the exit without waiting for the rest of its output");
            logs.close();
        }
        logs.failure().ifPresent(failure -> LOG.log(System.Logger.Level.WARNING, "job " + jobId
                + ": the log stream of container " + containerName + " broke off; its output may be incomplete ("
                + failure + ")"));
    }

    private static StepOutcome failed(String reason) {
        return new StepOutcome.Failed(reason, OptionalInt.empty());
    }

    @Override
    public void stop(Duration grace) {
        LOG.log(System.Logger.Level.INFO, "job " + jobId + ": stopping container " + containerName
                + " (kill after " + grace + ")");
        try {
            engine.stop(containerId, grace);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not stop container " + containerName
                    + ": " + e.engineMessage());
        }
    }

    /** Removes the container (killing it if it still runs) and lets go of its streams. Never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        logs.close();
        exit.close();
        try {
            engine.remove(containerId);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not remove container " + containerName
                    + "; remove it by hand (docker rm -f " + containerName + "): " + e.engineMessage());
        }
    }
}
