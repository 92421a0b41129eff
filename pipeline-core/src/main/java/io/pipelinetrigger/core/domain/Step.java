package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a job as the job sees it. Immutable: each change returns the next step. {@code runnerId} is the
 * runner's name for it (container id, process id) once started, so a restarted server can find it again.
 * {@code skipReason} says why a skipped step did not run ("ingester exited with 1"); empty for any other step.
 */
public record Step(StepName name, StepStatus status, OptionalInt exitCode,
                   Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> runnerId,
                   Optional<String> skipReason) {

    public Step {
        Objects.requireNonNull(runnerId, "runnerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(skipReason, "skipReason");
        // a step skipped before reasons were recorded (an older store) has none; any other status never has one
        if (skipReason.isPresent() && status != StepStatus.SKIPPED) {
            throw new IllegalArgumentException("only a skipped step has a skip reason, not a " + status.wireName() + " one");
        }
    }

    public static Step pending(StepName name) {
        return new Step(name, StepStatus.PENDING, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    Step started(Instant now) {
        return moveTo(StepStatus.RUNNING, OptionalInt.empty(), Optional.of(now), Optional.empty());
    }

    Step exited(int code, Instant now) {
        return moveTo(StepStatus.COMPLETED, OptionalInt.of(code), startedAt, Optional.of(now));
    }

    Step failed(OptionalInt code, Instant now) {
        return moveTo(StepStatus.FAILED, code, startedAt, Optional.of(now));
    }

    Step cancelled(OptionalInt code, Instant now) {
        return moveTo(StepStatus.CANCELLED, code, startedAt, Optional.of(now));
    }

    Step withRunnerId(String id) {
        if (status != StepStatus.RUNNING) {
            throw new IllegalStateException("only a running step gets a runner id, not a " + status.wireName() + " one");
        }
        return new Step(name, status, exitCode, startedAt, finishedAt, Optional.of(id), skipReason);
    }

    Step skipped(String reason) {
        Transitions.requireStep(status, StepStatus.SKIPPED);
        return new Step(name, StepStatus.SKIPPED, OptionalInt.empty(), Optional.empty(), Optional.empty(), runnerId,
                Optional.of(reason));
    }

    private Step moveTo(StepStatus next, OptionalInt code, Optional<Instant> started, Optional<Instant> finished) {
        Transitions.requireStep(status, next);
        return new Step(name, next, code, started, finished, runnerId, Optional.empty());
    }
}
