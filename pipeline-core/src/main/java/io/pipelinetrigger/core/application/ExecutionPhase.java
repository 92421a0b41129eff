package io.pipelinetrigger.core.application;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one job execution stands, as one immutable value: each request returns the next phase, so a stop, a
 * detach and the job's end cannot overtake each other. Only a following execution changes course: the first
 * stop request decides how the job ends, a detach only leaves a step that nobody asked to stop, and once the
 * job is over nothing changes it any more.
 */
record ExecutionPhase(Kind kind, Optional<StopRequest> stopRequest) {

    enum Kind {
        /** Carrying the job through its steps. */
        FOLLOWING,
        /** Asked to stop: the step gets its stop signal and the job ends as {@link #stopRequest} says. */
        STOPPING,
        /** The server stops and the step outlives it: let go of the step and record nothing more. */
        DETACHING,
        /** The job ended, here or elsewhere: nothing is left to record. */
        OVER
    }

    ExecutionPhase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stopRequest, "stopRequest");
        if ((kind == Kind.STOPPING) != stopRequest.isPresent() && kind != Kind.OVER) {
            throw new IllegalArgumentException("a phase carries a stop request exactly while stopping, not " + kind);
        }
    }

    static ExecutionPhase following() {
        return new ExecutionPhase(Kind.FOLLOWING, Optional.empty());
    }

    ExecutionPhase stop(StopRequest request) {
        return kind == Kind.FOLLOWING ? new ExecutionPhase(Kind.STOPPING, Optional.of(request)) : this;
    }

    ExecutionPhase detach() {
        return kind == Kind.FOLLOWING ? new ExecutionPhase(Kind.DETACHING, Optional.empty()) : this;
    }

    /** Keeps the stop request, if any, so that a late reader still knows why the job ended. */
    ExecutionPhase over() {
        return new ExecutionPhase(Kind.OVER, stopRequest);
    }

    boolean is(Kind other) {
        return kind == other;
    }

    /** Whether the step being followed should get its stop signal: the job is stopping, or ended elsewhere. */
    boolean wantsTheStepStopped() {
        return kind == Kind.STOPPING || kind == Kind.OVER;
    }
}
