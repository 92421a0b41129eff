package io.pipelinetrigger.core.port.out;

import java.time.Duration;

/** A step a runner has started. Closing it releases what the runner holds for it (threads, streams). */
public interface RunningStep extends AutoCloseable {

    /** The runner's name for it: a container id, a process id. For logs and recovery. */
    String id();

    /**
     * Blocks until the step has exited and all of its output has been handed to the sink, then tells how
     * it ended. Never returns early because an output stream ended.
     */
    StepOutcome awaitExit() throws InterruptedException;

    /**
     * Asks the step to stop with its stop signal and kills it if it is still there after {@code grace}. Returns
     * at once (a cancel arrives on a request thread); {@link #awaitExit()} tells how the step ended. Calling it
     * again, or after the step exited, is harmless.
     */
    void stop(Duration grace);

    /**
     * Stops following the step without stopping or removing it, so that a restarted server can reattach to it;
     * a thread blocked in {@link #awaitExit()} returns soon after, whatever it then reports. Runners
     * whose steps do not outlive the server simply close.
     */
    default void detach() {
        close();
    }

    /** Releases what the runner holds for the step; a runner may now remove the step's container. */
    @Override
    void close();
}
