package io.pipelinetrigger.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.pipelinetrigger.core.domain.Quoting;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the raw POST body into a validated command, so that every way a body can be wrong gets its own status
 * and one sentence: too large 413; empty, not JSON, not an object or a duplicate key 400; the fields
 * themselves by {@link TriggerRequestFields}, and their values by the core's types. The media type was already
 * judged by {@link ApiRequestGuard}.
 */
final class TriggerRequestDecoder {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String EXAMPLE = "{\"pipeline\": \"dbt\"}";

    /** Where Jackson's sentences turn to its own names: feature flags, bound types, source excerpts. */
    private static final List<String> JACKSON_INTERNALS = List.of(" (start marker at", " (not recognized as one since",
            " (bound as", " at [Source", "[Source:", " not allowed as per", "`");

    private final WireJson json;

    TriggerRequestDecoder(WireJson json) {
        this.json = json;
    }

    /**
     * @param contentLength the raw Content-Length header, if any
     * @throws RejectedRequestException                               400 or 413
     * @throws io.pipelinetrigger.core.domain.InvalidRequestException a field is missing or wrong
     */
    TriggerPipelineCommand decode(Optional<String> contentLength, InputStream body) {
        OptionalLong declared = declaredLength(contentLength);
        if (declared.isPresent() && declared.getAsLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return TriggerRequestFields.toCommand(parseObject(read(body, declared)));
    }

    private static OptionalLong declaredLength(Optional<String> contentLength) {
        try {
            return contentLength.map(String::trim).map(Long::parseLong).filter(length -> length >= 0)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the container frames the body; the bounded read below still holds the limit
        }
    }

    /**
     * Reads exactly the declared length, else up to one byte past the limit, so a huge or endless body never
     * fills the memory. Not waiting for the end of a declared body also keeps a request that carries
     * {@code Upgrade: h2c} (the JDK HttpClient's default) from hanging on Grizzly, which never marks such a
     * body as ended.
     */
    private static byte[] read(InputStream body, OptionalLong declared) {
        int wanted = declared.isPresent() ? (int) declared.getAsLong() : MAX_BODY_BYTES + 1;
        byte[] bytes;
        try {
            bytes = body.readNBytes(wanted);
        } catch (IOException e) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "The request body could not be read completely.");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static RejectedRequestException tooLarge() {
        return new RejectedRequestException(RejectedRequestException.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB; a trigger request is a small JSON object such as "
                        + EXAMPLE + ".");
    }

    private Map<String, ?> parseObject(byte[] bytes) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "The request body is empty; send a JSON object such as " + EXAMPLE + ".");
        }
        Object value;
        try {
            value = json.read(bytes);
        } catch (JsonProcessingException e) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "Request body is not valid JSON: " + describe(e));
        }
        if (!(value instanceof Map<?, ?> fields)) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "The request body must be a JSON object such as " + EXAMPLE + "; got " + JsonKind.of(value) + ".");
        }
        @SuppressWarnings("unchecked") // JSON object keys are always strings
        Map<String, ?> typed = (Map<String, ?>) fields;
        return typed;
    }

    /** What is wrong and where, in our words or Jackson's plain sentence cut before its internals. */
    private static String describe(JsonProcessingException e) {
        String message;
        if (e instanceof StreamConstraintsException limit) {
            message = exceeded(limit);
        } else if (e instanceof JsonEOFException) {
            message = "the body ends before the JSON value is complete";
        } else {
            message = withoutInternals(e.getOriginalMessage());
        }
        JsonLocation where = e.getLocation();
        String location = where == null || where.getLineNr() < 1 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        return message + location + ".";
    }

    /** Which of the parser's limits ({@link WireJson}) the body broke, in our words. */
    private static String exceeded(StreamConstraintsException limit) {
        String what = String.valueOf(limit.getOriginalMessage());
        if (what.startsWith("Document nesting depth")) {
            return "it is nested more than " + WireJson.MAX_NESTING_DEPTH + " levels deep";
        }
        if (what.startsWith("Number value length")) {
            return "a number is longer than " + WireJson.MAX_NUMBER_LENGTH + " characters";
        }
        if (what.startsWith("String value length")) {
            return "a value is longer than " + WireJson.MAX_STRING_LENGTH + " characters";
        }
        if (what.startsWith("Name length")) {
            return "a field name is longer than " + WireJson.MAX_NAME_LENGTH + " characters";
        }
        return "it is too large or too complex for a trigger request";
    }

    /** Drops the parts of a Jackson message that name its classes, features or source excerpt. */
    private static String withoutInternals(String message) {
        String text = message == null ? "" : message.replaceAll("\\s+", " ");
        int cut = text.length();
        for (String internal : JACKSON_INTERNALS) {
            int at = text.indexOf(internal);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        text = shorten(text.substring(0, cut).trim());
        while (text.endsWith(".") || text.endsWith(":") || text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? "unreadable content" : text;
    }

    private static String shorten(String text) {
        return Quoting.shortened(text, 160);
    }
}
