package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Quoting;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The optional query parameters of the poll and the log (docs/api.md): each given at most once, a 400 naming
 * the parameter and what it allows otherwise.
 */
final class QueryParameters {

    private final Map<String, List<String>> parameters;

    QueryParameters(MultivaluedMap<String, String> parameters) {
        this.parameters = parameters;
    }

    private QueryParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /**
     * The parameters a resource method took one by one ({@code @QueryParam}, which gives an absent one as an empty
     * list), by name.
     */
    static QueryParameters given(Map<String, List<String>> byName) {
        Map<String, List<String>> given = new HashMap<>();
        byName.forEach((name, values) -> {
            if (!values.isEmpty()) {
                given.put(name, values);
            }
        });
        return new QueryParameters(given);
    }

    Optional<String> text(String name) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() != 1) {
            throw refused("Give the query parameter '" + name + "' once; it was given " + values.size() + " times.");
        }
        return Optional.of(values.get(0));
    }

    /** A whole number from {@code min} to {@code max}, e.g. {@code wait} in seconds. */
    OptionalLong number(String name, long min, long max, String unit) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = value.get();
        String allowed = "The query parameter '" + name + "' must be a whole number " + range(min, max, unit);
        if (!text.matches("-?[0-9]{1,19}")) {
            throw refused(allowed + ", got " + Quoting.quoted(text) + ".");
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
            throw refused(allowed + ", got " + Quoting.quoted(text) + ".");
        }
        if (number < min || number > max) {
            throw refused(allowed + ", got " + number + ".");
        }
        return OptionalLong.of(number);
    }

    /** {@code true} or {@code false}; {@code fallback} when not given. */
    boolean flag(String name, boolean fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused("The query parameter '" + name + "' must be true or false, got "
                    + Quoting.quoted(value.get()) + ".");
        };
    }

    private static String range(long min, long max, String unit) {
        return max == Long.MAX_VALUE ? "of " + unit + " from " + min : "of " + unit + " from " + min + " to " + max;
    }

    static RejectedRequestException refused(String sentence) {
        return new RejectedRequestException(RejectedRequestException.BAD_REQUEST, sentence);
    }
}
