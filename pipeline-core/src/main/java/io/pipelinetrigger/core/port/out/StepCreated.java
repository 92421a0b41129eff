package io.pipelinetrigger.core.port.out;

/**
 * Hears the runner's name for a step as soon as the runner has one, before the step runs, and answers whether
 * the step should run at all. Core saves the name here, so that a crash right after cannot lose it; a lambda
 * is a valid listener.
 */
@FunctionalInterface
public interface StepCreated {

    /**
     * @param runnerId the runner's name for the step (a container id, a process id), as {@link RunningStep#id()}
     * @return true to run the step; false when its job no longer wants it (it was ended elsewhere meanwhile)
     */
    boolean proceed(String runnerId);
}
