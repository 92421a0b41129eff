package io.pipelinetrigger.core.domain;

/**
 * Root of the one small exception family of pipeline-trigger. Every message is one sentence a client may
 * read: it never carries a stack trace or a third-party type.
 */
public abstract class PipelineException extends RuntimeException {

    protected PipelineException(String message) {
        super(message);
    }

    protected PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
