package io.pipelinetrigger.core.domain;

/** The runner cannot be used right now, e.g. the Docker engine does not answer (HTTP 500). */
public class RunnerUnavailableException extends PipelineException {

    public RunnerUnavailableException(String message) {
        super(message);
    }

    public RunnerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
