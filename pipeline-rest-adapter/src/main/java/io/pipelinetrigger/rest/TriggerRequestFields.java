package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.ClosestName;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Quoting;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pipelinetrigger.core.port.in.TriggerPipelineCommand.MAX_TIMEOUT_SECONDS;

/**
 * Judges the fields of a decoded trigger object (string, boolean, number, list, map or null values) one by one
 * and turns them into the typed command, so that a wrong JSON shape is refused naming its field; the values
 * themselves (pipeline and dbt command names) are judged by the core's types.
 */
final class TriggerRequestFields {

    static final List<String> FIELD_NAMES =
            List.of("pipeline", "command", "enableOpenlineage", "enableElementary", "timeoutSeconds", "onBusy",
                    "queueTimeoutSeconds");

    private TriggerRequestFields() {
    }

    /** @throws InvalidRequestException naming the first field that is wrong and what is allowed */
    static TriggerPipelineCommand toCommand(Map<String, ?> fields) {
        for (String name : fields.keySet()) {
            if (!FIELD_NAMES.contains(name)) {
                String hint = ClosestName.among(FIELD_NAMES, name).map(n -> " Did you mean \"" + n + "\"?").orElse("");
                throw new InvalidRequestException("Unknown field " + Quoting.quoted(name) + "." + hint
                        + " Known fields: " + String.join(", ", FIELD_NAMES) + ".");
            }
        }
        Object pipeline = fields.get("pipeline");
        if (pipeline == null) {
            throw new InvalidRequestException("Field 'pipeline' is required: one of " + Pipeline.allowedNames() + ".");
        }
        return new TriggerPipelineCommand(
                Pipeline.fromWireName(requireString("pipeline", pipeline)),
                optionalString("command", fields.get("command")).map(DbtCommand::fromWireName),
                optionalBoolean("enableOpenlineage", fields.get("enableOpenlineage")),
                optionalBoolean("enableElementary", fields.get("enableElementary")),
                optionalTimeout("timeoutSeconds", fields.get("timeoutSeconds")),
                optionalString("onBusy", fields.get("onBusy")).map(v -> BusyPolicy.fromWireName("Field 'onBusy'", v)),
                optionalTimeout("queueTimeoutSeconds", fields.get("queueTimeoutSeconds")));
    }

    private static Optional<Duration> optionalTimeout(String name, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean wholeNumber = value instanceof Integer || value instanceof Long
                || (value instanceof BigInteger big && big.bitLength() < 63);
        long seconds = wholeNumber ? ((Number) value).longValue() : -1;
        if (!wholeNumber || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new InvalidRequestException("Field '" + name + "' must be a whole number from 1 to "
                    + MAX_TIMEOUT_SECONDS + " (7 days), or null for the server default; got " + given(value) + ".");
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** The value as the client wrote it: a number as itself, a string quoted, anything else by its kind. */
    private static String given(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return Quoting.shortened(value.toString(), Quoting.QUOTED_LENGTH);
        }
        if (value instanceof String text) {
            return "the string " + Quoting.quoted(text);
        }
        return JsonKind.of(value);
    }

    private static String requireString(String name, Object value) {
        if (!(value instanceof String text)) {
            throw new InvalidRequestException("Field '" + name + "' must be a string, got " + JsonKind.of(value) + ".");
        }
        return text;
    }

    private static Optional<String> optionalString(String name, Object value) {
        return value == null ? Optional.empty() : Optional.of(requireString(name, value));
    }

    private static Optional<Boolean> optionalBoolean(String name, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidRequestException("Field '" + name + "' must be true, false or null, got " + JsonKind.of(value) + ".");
        }
        return Optional.of(flag);
    }
}
