package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A pipeline run: the aggregate the API shows. Immutable; every change returns the next job and passes the
 * state machine's guard in {@link Transitions}. {@code output} is the tail saved with the job; while a job
 * runs, the live tail is newer.
 */
public record Job(JobId id, JobSpec spec, JobStatus status, List<Step> steps, Instant createdAt,
                  Optional<Instant> startedAt, Optional<Instant> finishedAt, OptionalInt exitCode,
                  Optional<String> error, String output) {

    /** What {@code exitCode} shows while a job runs, as the seed documents. */
    public static final int RUNNING_EXIT_CODE = -1;

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(output, "output");
    }

    /** A job just accepted: running, every step of its pipeline pending. */
    public static Job accepted(JobId id, JobSpec spec, Instant now) {
        List<Step> steps = spec.pipeline().steps().stream().map(Step::pending).toList();
        return new Job(id, spec, JobStatus.RUNNING, steps, now, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), "");
    }

    /** The seed's {@code success}: false only when the run itself could not be carried out. */
    public boolean success() {
        return status != JobStatus.FAILED;
    }

    /** The seed's {@code exitCode}: -1 while running or when no step exit code is known. */
    public int exitCodeForDisplay() {
        return exitCode.orElse(RUNNING_EXIT_CODE);
    }

    public Step step(StepName name) {
        return steps.stream().filter(s -> s.name() == name).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no " + name.wireName() + " step"));
    }

    public Job stepStarted(StepName name, Instant now) {
        requireRunning("start a step");
        Job next = withStep(name, s -> s.started(now));
        return next.startedAt.isPresent() ? next : next.copy(next.status, Optional.of(now), next.finishedAt,
                next.exitCode, next.error, next.output);
    }

    public Job stepExited(StepName name, int code, Instant now) {
        requireRunning("record a step's exit");
        return withStep(name, s -> s.exited(code, now));
    }

    public Job stepFailed(StepName name, OptionalInt code, Instant now) {
        requireRunning("record a step's failure");
        return withStep(name, s -> s.failed(code, now));
    }

    public Job stepSkipped(StepName name) {
        requireRunning("skip a step");
        return withStep(name, Step::skipped);
    }

    /** Every step ran to its exit (or was skipped): the first non-zero exit code is the job's. */
    public Job complete(Instant now, String finalOutput) {
        if (steps.stream().anyMatch(s -> !s.status().isTerminal())) {
            throw new IllegalStateException(id + " cannot complete while a step is unfinished");
        }
        int code = steps.stream().map(Step::exitCode).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).filter(c -> c != 0).findFirst().orElse(0);
        Transitions.requireJob(status, JobStatus.COMPLETED);
        return copy(JobStatus.COMPLETED, startedAt, Optional.of(now), OptionalInt.of(code), Optional.empty(),
                finalOutput);
    }

    /** The run could not be carried out; unfinished steps end failed (running) or skipped (pending). */
    public Job fail(String reason, OptionalInt code, Instant now, String finalOutput) {
        Transitions.requireJob(status, JobStatus.FAILED);
        List<Step> closed = new ArrayList<>();
        for (Step step : steps) {
            if (step.status() == StepStatus.RUNNING) {
                closed.add(step.failed(OptionalInt.empty(), now));
            } else if (step.status() == StepStatus.PENDING) {
                closed.add(step.skipped());
            } else {
                closed.add(step);
            }
        }
        return new Job(id, spec, JobStatus.FAILED, closed, createdAt, startedAt, Optional.of(now), code,
                Optional.of(reason), finalOutput);
    }

    public Job withOutput(String newOutput) {
        return copy(status, startedAt, finishedAt, exitCode, error, newOutput);
    }

    private void requireRunning(String action) {
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("cannot " + action + " of " + status.wireName() + " job " + id);
        }
    }

    private Job withStep(StepName name, UnaryOperator<Step> change) {
        step(name); // fails loudly for a step the pipeline does not have
        List<Step> changed = steps.stream().map(s -> s.name() == name ? change.apply(s) : s).toList();
        return new Job(id, spec, status, changed, createdAt, startedAt, finishedAt, exitCode, error, output);
    }

    private Job copy(JobStatus newStatus, Optional<Instant> started, Optional<Instant> finished,
                     OptionalInt code, Optional<String> reason, String newOutput) {
        return new Job(id, spec, newStatus, steps, createdAt, started, finished, code, reason, newOutput);
    }
}
