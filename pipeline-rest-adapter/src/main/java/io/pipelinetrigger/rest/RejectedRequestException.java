package io.pipelinetrigger.rest;

/**
 * A request this adapter refuses before it reaches the core (body too large, not JSON, API disabled...), with
 * the HTTP status to answer; {@link ErrorResponseMapper} turns it into the error body.
 */
final class RejectedRequestException extends RuntimeException {

    static final int BAD_REQUEST = 400;
    static final int FORBIDDEN = 403;
    static final int PAYLOAD_TOO_LARGE = 413;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int status;

    RejectedRequestException(int status, String message) {
        super(message, null, false, false); // a client error: no stack trace worth collecting
        this.status = status;
    }

    int status() {
        return status;
    }
}
