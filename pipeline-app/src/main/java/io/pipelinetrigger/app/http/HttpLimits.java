package io.pipelinetrigger.app.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP server tolerates from a client before it drops it: header size (the request line, and so the
 * URI, included), header count, how long a request's header may take to arrive, how long a connection may
 * stay silent, how long one read of a body or one write of an answer may stall, and how much of a refused
 * body is skipped to keep the connection (more, and the connection is closed). The body itself (64 KiB) and
 * the JSON inside it are limited by the REST adapter.
 */
public record HttpLimits(int maxHeaderBytes, int maxHeaderCount, Duration headerDeadline, Duration idleTimeout,
                  Duration ioTimeout, long maxRefusedBodyToSkip) {

    public static final HttpLimits DEFAULTS = new HttpLimits(8 * 1024, 64, Duration.ofSeconds(20), Duration.ofSeconds(30),
            Duration.ofSeconds(20), 64 * 1024);

    public HttpLimits {
        Objects.requireNonNull(headerDeadline, "headerDeadline");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(ioTimeout, "ioTimeout");
        if (maxHeaderBytes < 1024 || maxHeaderCount < 8 || maxRefusedBodyToSkip < 0
                || idleTimeout.toSeconds() < 1 || headerDeadline.isNegative() || headerDeadline.isZero()
                || ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP limits out of range: " + maxHeaderBytes + " header bytes, "
                    + maxHeaderCount + " headers, idle " + idleTimeout);
        }
    }
}
