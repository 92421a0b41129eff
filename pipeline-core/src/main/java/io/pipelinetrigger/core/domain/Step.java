package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a job as the job sees it. Immutable: each change returns the next step. {@code runnerId} is the
 * runner's name for it (container id, process id) once started, so a restarted server can find it again.
 */
public record Step(StepName name, StepStatus status, OptionalInt exitCode,
                   Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> runnerId) {

    public Step {
        Objects.requireNonNull(runnerId, "runnerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    public static Step pending(StepName name) {
        return new Step(name, StepStatus.PENDING, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
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
        return new Step(name, status, exitCode, startedAt, finishedAt, Optional.of(id));
    }

    Step skipped() {
        return moveTo(StepStatus.SKIPPED, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    private Step moveTo(StepStatus next, OptionalInt code, Optional<Instant> started, Optional<Instant> finished) {
        Transitions.requireStep(status, next);
        return new Step(name, next, code, started, finished, runnerId);
    }
}
