package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger request, typed and validated. These fields are all a client can influence: the flags and the timeout
 * stay empty where the client left them to the server's defaults. How a wire format spells them (JSON field names
 * and shapes) is the driving adapter's business, e.g. the REST adapter's decoder.
 */
public record TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                     Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary,
                                     Optional<Duration> timeout) {

    /** A week: longer than any real step, short enough to stop a typo of a few extra digits. */
    public static final long MAX_TIMEOUT_SECONDS = 7L * 24 * 3600;

    public TriggerPipelineCommand {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(enableOpenlineage, "enableOpenlineage");
        Objects.requireNonNull(enableElementary, "enableElementary");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(TriggerPipelineCommand::requireTimeoutInRange);
    }

    public TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                  Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary) {
        this(pipeline, command, enableOpenlineage, enableElementary, Optional.empty());
    }

    private static void requireTimeoutInRange(Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw new InvalidRequestException("A step timeout must be from 1 second to " + MAX_TIMEOUT_SECONDS
                    + " seconds (7 days), got " + timeout + ".");
        }
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
}
