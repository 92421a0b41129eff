package io.pipelinetrigger.core.domain;

/** A programming error: a job or step was asked to move between two states that do not connect. */
public class IllegalTransitionException extends PipelineException {

    public IllegalTransitionException(String what, Object from, Object to) {
        super("A " + what + " cannot go from " + from + " to " + to + ".");
    }
}
