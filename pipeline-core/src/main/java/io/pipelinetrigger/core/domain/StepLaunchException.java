package io.pipelinetrigger.core.domain;

/** A step could not be started: missing image or program, engine error. Its job ends {@code failed}. */
public class StepLaunchException extends PipelineException {

    public StepLaunchException(String message) {
        super(message);
    }

    public StepLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
