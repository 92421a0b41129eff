package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one step of a pipeline: as a one-shot container, as a local process, or as a fake in tests.
 * Implementations translate their own failures into the core's exceptions at this edge.
 */
public interface ContainerRunner {

    /**
     * Starts the step and returns once it runs; its stdout and stderr flow to {@code sink} from the runner's own
     * threads until it exits.
     *
     * <p>As soon as the runner has a name for the step it tells {@code created}, once: a container right after
     * create, before it starts; a process right after it started (it has no name before) and before any of its
     * output is read. {@code created} answers whether to go on:
     * <ul>
     *   <li>true: the runner starts the step (if it has not yet) and returns it;</li>
     *   <li>false (the job ended elsewhere meanwhile): the runner removes what it made for the step (a process
     *       is killed), hands nothing to {@code sink} and returns empty;</li>
     *   <li>an exception (the name could not be saved): the runner removes what it made and the exception passes
     *       on unchanged, so a step whose name could not be saved is never left running.</li>
     * </ul>
     *
     * @return the running step; empty exactly when {@code created} answered false
     * @throws StepLaunchException        when this step cannot be started (image or program missing, ...)
     * @throws RunnerUnavailableException when the runner itself cannot be reached
     */
    Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created);

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
     * Checks that what the steps run is there (the Docker runner: each step's image is on the engine): returns
     * quietly, or throws naming what is missing. Asked only once {@link #checkReachable()} passed; a runner with
     * nothing to check answers quietly.
     */
    default void checkImages() {
    }

    /**
     * Checks that the network the steps join is there (the Docker runner: {@code PIPELINE_DOCKER_NETWORK}):
     * returns quietly, or throws naming it. Asked only once {@link #checkReachable()} passed.
     */
    default void checkNetwork() {
    }

    /**
     * Finds a step this runner started before the server restarted, by its job and step (and the runner id
     * saved for it, where one was saved before the restart). A runner whose steps do not outlive the server
     * ({@link #stepsOutliveTheServer()} false) answers {@code Gone}.
     */
    default RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        return new RecoveredStep.Gone("The job was interrupted by a server restart; this runner cannot reattach"
                + " to a step started before it.");
    }

    /**
     * Whether a step goes on running when the server stops, so that a restarted server can reattach to it
     * (containers do; child processes of the JVM do not). When true, {@link RunningStep#detach()} leaves the
     * step running and {@link #recover} finds it again; when false, detach ends the step like close.
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
