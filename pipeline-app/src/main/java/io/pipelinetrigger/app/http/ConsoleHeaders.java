package io.pipelinetrigger.app.http;

import jakarta.ws.rs.core.Response;

/**
 * The headers of every console answer (docs/console.md, "Security"): scripts, styles, images and requests only
 * from this server, no inline script, never framed, no type sniffing, no referrer, and revalidated on each
 * load so a new jar's console is seen at once.
 */
final class ConsoleHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ConsoleHeaders() {
    }

    static Response.ResponseBuilder strict(Response.ResponseBuilder response) {
        return response
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-cache");
    }
}
