package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;

import java.util.Optional;

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
     * A pipeline run that is going on outside this server and should block a new trigger, if the runner
     * can see one.
     *
     * @throws RunnerUnavailableException when the runner cannot be asked (e.g. the engine does not answer)
     */
    Optional<ConflictingRun> findConflictingRun();
}
