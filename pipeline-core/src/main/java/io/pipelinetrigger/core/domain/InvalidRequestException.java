package io.pipelinetrigger.core.domain;

/** A request the caller can fix: a missing or wrong field, a malformed id (HTTP 400). */
public class InvalidRequestException extends PipelineException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
