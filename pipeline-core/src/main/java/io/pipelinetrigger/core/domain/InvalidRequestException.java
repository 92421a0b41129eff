package io.pipelinetrigger.core.domain;

/** A request the caller can fix: a missing or wrong field, a malformed id (HTTP 400). */
public class InvalidRequestException extends PipelineException {

    public InvalidRequestException(String message) {
        super(message);
    }

    /** A value a client sent, quoted for an error sentence and cut short, so a huge value is not echoed whole. */
    public static String quoted(String value) {
        return "\"" + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + "\"";
    }
}
