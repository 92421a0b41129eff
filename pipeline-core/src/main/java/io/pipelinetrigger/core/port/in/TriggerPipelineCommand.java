package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.ClosestName;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger request, validated. These fields are all a client can influence: the flags and the timeout stay
 * empty where the client left them to the server's defaults.
 */
public record TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                     Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary,
                                     Optional<Duration> timeout) {

    public static final List<String> FIELD_NAMES =
            List.of("pipeline", "command", "enableOpenlineage", "enableElementary", "timeoutSeconds");

    /** A week: longer than any real step, short enough to stop a typo of a few extra digits. */
    public static final long MAX_TIMEOUT_SECONDS = 7L * 24 * 3600;

    public TriggerPipelineCommand {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(enableOpenlineage, "enableOpenlineage");
        Objects.requireNonNull(enableElementary, "enableElementary");
        Objects.requireNonNull(timeout, "timeout");
    }

    public TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                  Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary) {
        this(pipeline, command, enableOpenlineage, enableElementary, Optional.empty());
    }

    public static TriggerPipelineCommand of(Pipeline pipeline) {
        return new TriggerPipelineCommand(pipeline, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same request gives the same fingerprint, however its JSON was spelled. */
    public String fingerprint() {
        return "pipeline=" + pipeline.wireName()
                + ";command=" + command.map(DbtCommand::wireName).orElse("")
                + ";enableOpenlineage=" + enableOpenlineage.map(String::valueOf).orElse("")
                + ";enableElementary=" + enableElementary.map(String::valueOf).orElse("")
                + ";timeoutSeconds=" + timeout.map(t -> String.valueOf(t.toSeconds())).orElse("");
    }

    /**
     * Validates a decoded JSON object (string, boolean, number, list, map or null values) field by field.
     *
     * @throws InvalidRequestException naming the first field that is wrong and what is allowed
     */
    public static TriggerPipelineCommand fromFields(Map<String, ?> fields) {
        for (String name : fields.keySet()) {
            if (!FIELD_NAMES.contains(name)) {
                String hint = ClosestName.among(FIELD_NAMES, name).map(n -> " Did you mean \"" + n + "\"?").orElse("");
                throw new InvalidRequestException("Unknown field " + InvalidRequestException.quoted(name) + "." + hint
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
                optionalTimeout(fields.get("timeoutSeconds")));
    }

    private static Optional<Duration> optionalTimeout(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean wholeNumber = value instanceof Integer || value instanceof Long
                || (value instanceof java.math.BigInteger big && big.bitLength() < 63);
        long seconds = wholeNumber ? ((Number) value).longValue() : -1;
        if (!wholeNumber || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new InvalidRequestException("Field 'timeoutSeconds' must be a whole number from 1 to "
                    + MAX_TIMEOUT_SECONDS + " (7 days), or null for the server default.");
        }
        return Optional.of(Duration.ofSeconds(seconds));
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
