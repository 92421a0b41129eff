package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Quoting;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;
import java.util.Optional;

/**
 * Which request bodies count as JSON: {@code application/json} or any {@code application/*+json}, in UTF-8.
 * Anything else is refused, a missing Content-Type too: the types a web page may send to another origin
 * without a CORS preflight ({@code text/plain}, forms) are never JSON here, so a page in a browser cannot
 * start a run behind the user's back. A form-encoded body (what curl sends for {@code -d} without {@code -H})
 * gets a sentence that says what to send.
 */
final class JsonContentType {

    private JsonContentType() {
    }

    /** @throws RejectedRequestException 415 for anything else */
    static void require(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            throw new RejectedRequestException(RejectedRequestException.UNSUPPORTED_MEDIA_TYPE,
                    "The request has no Content-Type; send the JSON body with \"Content-Type: application/json\".");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header.get());
        } catch (IllegalArgumentException e) {
            throw unsupported(header.get());
        }
        boolean json = type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json")
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        if (!json) {
            throw unsupported(header.get());
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new RejectedRequestException(RejectedRequestException.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be UTF-8 JSON; got charset \"" + shorten(charset) + "\".");
        }
    }

    private static RejectedRequestException unsupported(String header) {
        return new RejectedRequestException(RejectedRequestException.UNSUPPORTED_MEDIA_TYPE,
                "The request body must be JSON (Content-Type: application/json); got \"" + shorten(header) + "\".");
    }

    private static String shorten(String text) {
        return Quoting.shortened(text, 100);
    }
}
