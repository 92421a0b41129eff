package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.ClosestName;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger request, validated. These four fields are all a client can influence; the flags stay empty
 * where the client left them to the server's defaults.
 */
public record TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                     Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary) {

    public static final List<String> FIELD_NAMES =
            List.of("pipeline", "command", "enableOpenlineage", "enableElementary");

    public TriggerPipelineCommand {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(enableOpenlineage, "enableOpenlineage");
        Objects.requireNonNull(enableElementary, "enableElementary");
    }

    public static TriggerPipelineCommand of(Pipeline pipeline) {
        return new TriggerPipelineCommand(pipeline, Optional.empty(), Optional.empty(), Optional.empty());
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
                throw new InvalidRequestException("Unknown field \"" + shorten(name) + "\"." + hint
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
                optionalBoolean("enableElementary", fields.get("enableElementary")));
    }

    private static String requireString(String name, Object value) {
        if (!(value instanceof String text)) {
            throw new InvalidRequestException("Field '" + name + "' must be a string, got " + kindOf(value) + ".");
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
            throw new InvalidRequestException("Field '" + name + "' must be true, false or null, got " + kindOf(value) + ".");
        }
        return Optional.of(flag);
    }

    private static String kindOf(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
