package io.pipelinetrigger.rest;

import java.util.Map;

/**
 * A request this adapter refuses before it reaches the core (body too large, not JSON, API disabled, no
 * token...), with the HTTP status to answer and any headers that belong to that answer
 * ({@code WWW-Authenticate}, {@code Retry-After}); {@link ErrorResponseMapper} turns it into the error body.
 */
final class RejectedRequestException extends RuntimeException {

    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int PAYLOAD_TOO_LARGE = 413;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;
    static final int TOO_MANY_REQUESTS = 429;

    private final int status;
    private final Map<String, String> headers;

    RejectedRequestException(int status, String message) {
        this(status, message, Map.of());
    }

    RejectedRequestException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // a client error: no stack trace worth collecting
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
