package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger request, typed and validated. These fields are all a client can influence: the flags and the timeout
 * stay empty where the client left them to the server's defaults, and so do the busy policy and the queue timeout
 * (docs/api.md, "When the pipeline is busy"). How a wire format spells them (JSON field names
 * and shapes) is the driving adapter's business, e.g. the REST adapter's decoder.
 */
public record TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                     Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary,
                                     Optional<Duration> timeout, Optional<BusyPolicy> onBusy,
                                     Optional<Duration> queueTimeout) {

    /** A week: longer than any real step, short enough to stop a typo of a few extra digits. */
    public static final long MAX_TIMEOUT_SECONDS = 7L * 24 * 3600;

    public TriggerPipelineCommand {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(enableOpenlineage, "enableOpenlineage");
        Objects.requireNonNull(enableElementary, "enableElementary");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(TriggerPipelineCommand::requireTimeoutInRange);
        Objects.requireNonNull(onBusy, "onBusy");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        queueTimeout.ifPresent(TriggerPipelineCommand::requireQueueTimeoutInRange);
    }

    public TriggerPipelineCommand(Pipeline pipeline, Optional<DbtCommand> command,
                                  Optional<Boolean> enableOpenlineage, Optional<Boolean> enableElementary,
                                  Optional<Duration> timeout) {
        this(pipeline, command, enableOpenlineage, enableElementary, timeout, Optional.empty(), Optional.empty());
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

    private static void requireQueueTimeoutInRange(Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw new InvalidRequestException("A queue timeout must be from 1 second to " + MAX_TIMEOUT_SECONDS
                    + " seconds (7 days), got " + timeout + ".");
        }
    }

    /** The same request with another busy policy (a schedule's {@code onBusy} wins over its request's). */
    public TriggerPipelineCommand withOnBusy(BusyPolicy policy) {
        return new TriggerPipelineCommand(pipeline, command, enableOpenlineage, enableElementary, timeout,
                Optional.of(policy), queueTimeout);
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
                + ";timeoutSeconds=" + timeout.map(t -> String.valueOf(t.toSeconds())).orElse("")
                // only when given, so that fingerprints saved before these fields existed still match
                + onBusy.map(p -> ";onBusy=" + p.wireName()).orElse("")
                + queueTimeout.map(t -> ";queueTimeoutSeconds=" + t.toSeconds()).orElse("");
    }
}
