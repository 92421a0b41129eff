package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one step of a pipeline: as a one-shot container, as a local process, or as a fake in tests.
 * Implementations translate their own failures into the core's exceptions at this edge.
 */
public interface ContainerRunner {

    /**
     * Starts the step and returns at once; its stdout and stderr flow to {@code sink} from the runner's
     * own threads until it exits.
     *
     * @throws StepLaunchException        when this step cannot be started (image or program missing, ...)
     * @throws RunnerUnavailableException when the runner itself cannot be reached
     */
    RunningStep start(StepSpec spec, LogSink sink);

    /**
     * Like {@link #start(StepSpec, LogSink)}, and tells {@code onCreated} the runner's name for the step as soon
     * as it has one, before the step runs (a container: right after create), so it can be saved before any
     * crash could lose it. If {@code onCreated} throws, the step is not started and the exception passes on.
     */
    default RunningStep start(StepSpec spec, LogSink sink, Consumer<String> onCreated) {
        RunningStep step = start(spec, sink);
        onCreated.accept(step.id());
        return step;
    }

    /**
     * A pipeline run that is going on outside this server and should block a new trigger, if the runner
     * can see one.
     *
     * @throws RunnerUnavailableException when the runner cannot be asked (e.g. the engine does not answer)
     */
    Optional<ConflictingRun> findConflictingRun();

    /**
     * Checks that the runner can start steps now (for a health check): returns quietly, or throws.
     *
     * @throws RunnerUnavailableException saying why not (e.g. the engine does not answer)
     */
    default void checkReachable() {
    }

    /**
     * Finds a step this runner started before the server restarted, by its job and step (and the runner id
     * saved for it, where one was saved before the restart).
     */
    default RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        return new RecoveredStep.Gone("The job was interrupted by a server restart; this runner cannot reattach"
                + " to a step started before it.");
    }

    /**
     * Whether a step goes on running when the server stops, so that a restarted server can reattach to it
     * (containers do; child processes of the JVM do not).
     */
    default boolean stepsOutliveTheServer() {
        return false;
    }

    /**
     * Removes what this runner left behind for jobs that are no longer active (e.g. exited containers whose
     * result was recorded but whose removal failed), once they are older than {@code grace}.
     *
     * @return how many were removed
     */
    default int removeLeftovers(Set<JobId> activeJobs, Duration grace) {
        return 0;
    }
}
