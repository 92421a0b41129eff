package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A pipeline run: the aggregate the API shows. Immutable; every change returns the next job and passes the
 * state machine's guard in {@link Transitions}. {@code output} is the tail saved with the job; while a job
 * runs, the live tail is newer. {@code outcome} is recorded by the transition that ends the job (none while it
 * runs) and always agrees with {@code status}.
 */
public record Job(JobId id, JobSpec spec, Optional<IdempotencyKey> idempotencyKey, JobStatus status,
                  List<Step> steps, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                  OptionalInt exitCode, Optional<String> error, Optional<Outcome> outcome, Trigger trigger,
                  String output) {

    /** What {@code exitCode} shows while a job runs, as docs/api.md ("The job view") documents. */
    public static final int RUNNING_EXIT_CODE = -1;

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(output, "output");
        if (outcome.isPresent() != status.isTerminal() || outcome.filter(o -> o.status() != status).isPresent()) {
            throw new IllegalArgumentException("job " + id + " is " + status.wireName() + " but its outcome is "
                    + outcome.map(Outcome::wireName).orElse("none"));
        }
    }

    /** A job just accepted: running, every step of its pipeline pending. */
    public static Job accepted(JobId id, JobSpec spec, Instant now) {
        return accepted(id, spec, Optional.empty(), now);
    }

    public static Job accepted(JobId id, JobSpec spec, Optional<IdempotencyKey> key, Instant now) {
        return accepted(id, spec, key, Trigger.API, now);
    }

    public static Job accepted(JobId id, JobSpec spec, Optional<IdempotencyKey> key, Trigger trigger, Instant now) {
        List<Step> steps = spec.pipeline().steps().stream().map(Step::pending).toList();
        return new Job(id, spec, key, JobStatus.RUNNING, steps, now, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), trigger, "");
    }

    /** A job waiting in the queue for the active run to end (docs/api.md, "When the pipeline is busy"). */
    public static Job queued(JobId id, JobSpec spec, Optional<IdempotencyKey> key, Trigger trigger, Instant now) {
        List<Step> steps = spec.pipeline().steps().stream().map(Step::pending).toList();
        return new Job(id, spec, key, JobStatus.QUEUED, steps, now, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), trigger, "");
    }

    /** A queued job's turn has come: it runs now, and no longer says why it was held back. */
    public Job startFromQueue() {
        Transitions.requireJob(status, JobStatus.RUNNING);
        return with(JobStatus.RUNNING, startedAt, finishedAt, exitCode, Optional.empty(), output);
    }

    /** A queued job whose turn has come but which cannot start yet keeps the reason in {@code error}. */
    public Job heldBack(String reason) {
        if (status != JobStatus.QUEUED) {
            throw new IllegalStateException("cannot hold back " + status.wireName() + " job " + id);
        }
        return with(status, startedAt, finishedAt, exitCode, Optional.of(reason), output);
    }

    /** The job view's {@code success} (docs/api.md): false when the run could not be carried out to its end. */
    public boolean success() {
        return status == JobStatus.QUEUED || status == JobStatus.RUNNING || status == JobStatus.COMPLETED;
    }

    /** The job view's {@code exitCode} (docs/api.md): -1 while running or when no step exit code is known. */
    public int exitCodeForDisplay() {
        return exitCode.orElse(RUNNING_EXIT_CODE);
    }

    public Step step(StepName name) {
        return steps.stream().filter(s -> s.name() == name).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no " + name.wireName() + " step"));
    }

    public Optional<Step> runningStep() {
        return steps.stream().filter(s -> s.status() == StepStatus.RUNNING).findFirst();
    }

    public Job stepStarted(StepName name, Instant now) {
        requireRunning("start a step");
        Job next = withStep(name, s -> s.started(now));
        return next.startedAt.isPresent() ? next : next.with(next.status, Optional.of(now), next.finishedAt,
                next.exitCode, next.error, next.output);
    }

    /** Records the runner's name for a running step (container id, process id). */
    public Job stepRunnerId(StepName name, String runnerId) {
        requireRunning("record a step's runner id");
        return withStep(name, s -> s.withRunnerId(runnerId));
    }

    public Job stepExited(StepName name, int code, Instant now) {
        requireRunning("record a step's exit");
        return withStep(name, s -> s.exited(code, now));
    }

    public Job stepFailed(StepName name, OptionalInt code, Instant now) {
        requireRunning("record a step's failure");
        return withStep(name, s -> s.failed(code, now));
    }

    /** Skips a step because an earlier one exited non-zero; the step keeps that as its reason. */
    public Job stepSkipped(StepName name) {
        requireRunning("skip a step");
        String reason = steps.stream().takeWhile(s -> s.name() != name)
                .filter(s -> s.exitCode().isPresent() && s.exitCode().getAsInt() != 0).findFirst()
                .map(s -> s.name().wireName() + " exited with " + s.exitCode().getAsInt())
                .orElseThrow(() -> new IllegalStateException(id + ": no earlier step exited non-zero, so "
                        + name.wireName() + " has no reason to be skipped"));
        return withStep(name, s -> s.skipped(reason));
    }

    /** Every step ran to its exit (or was skipped): the first non-zero exit code is the job's. */
    public Job complete(Instant now, String finalOutput) {
        if (steps.stream().anyMatch(s -> !s.status().isTerminal())) {
            throw new IllegalStateException(id + " cannot complete while a step is unfinished");
        }
        int code = steps.stream().map(Step::exitCode).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).filter(c -> c != 0).findFirst().orElse(0);
        Transitions.requireJob(status, JobStatus.COMPLETED);
        return new Job(id, spec, idempotencyKey, JobStatus.COMPLETED, steps, createdAt, startedAt, Optional.of(now),
                OptionalInt.of(code), Optional.empty(), Optional.of(Outcome.ofCompletion(code)), trigger, finalOutput);
    }

    /** The run could not be carried out; a running step ends failed, pending ones skipped. */
    public Job fail(String reason, OptionalInt code, Instant now, String finalOutput) {
        return end(Outcome.FAILED, StepStatus.FAILED, reason, code, now, finalOutput);
    }

    /** A step ran past its timeout and was stopped: failed like {@link #fail}, with the outcome {@code timed_out}. */
    public Job timeOut(String reason, OptionalInt code, Instant now, String finalOutput) {
        return end(Outcome.TIMED_OUT, StepStatus.FAILED, reason, code, now, finalOutput);
    }

    /** Stopped on request; a running step ends cancelled, pending ones skipped. */
    public Job cancel(String reason, OptionalInt code, Instant now, String finalOutput) {
        return end(Outcome.CANCELLED, StepStatus.CANCELLED, reason, code, now, finalOutput);
    }

    public Job withOutput(String newOutput) {
        return with(status, startedAt, finishedAt, exitCode, error, newOutput);
    }

    private Job end(Outcome outcome, StepStatus runningStepBecomes, String reason, OptionalInt code,
                    Instant now, String finalOutput) {
        JobStatus jobStatus = outcome.status();
        Transitions.requireJob(status, jobStatus);
        List<Step> ended = steps.stream().map(step -> step.status() != StepStatus.RUNNING ? step
                : runningStepBecomes == StepStatus.CANCELLED
                        ? step.cancelled(step.exitCode().isPresent() ? step.exitCode() : code, now)
                        : step.failed(step.exitCode().isPresent() ? step.exitCode() : code, now)).toList();
        String skipReason = whyTheRestIsSkipped(ended, jobStatus);
        List<Step> closed = ended.stream()
                .map(step -> step.status() == StepStatus.PENDING ? step.skipped(skipReason) : step).toList();
        return new Job(id, spec, idempotencyKey, jobStatus, closed, createdAt, startedAt, Optional.of(now), code,
                Optional.of(reason), Optional.of(outcome), trigger, finalOutput);
    }

    /** "ingester failed", "dbt was cancelled"; "the job was cancelled" when it ended between steps. */
    private static String whyTheRestIsSkipped(List<Step> ended, JobStatus jobStatus) {
        return ended.stream()
                .filter(s -> s.status() == StepStatus.FAILED || s.status() == StepStatus.CANCELLED).findFirst()
                .map(s -> s.name().wireName() + (s.status() == StepStatus.FAILED ? " failed" : " was cancelled"))
                .orElse(jobStatus == JobStatus.CANCELLED ? "the job was cancelled" : "the job failed");
    }

    private void requireRunning(String action) {
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("cannot " + action + " of " + status.wireName() + " job " + id);
        }
    }

    private Job withStep(StepName name, UnaryOperator<Step> change) {
        step(name); // fails loudly for a step the pipeline does not have
        List<Step> changed = steps.stream().map(s -> s.name() == name ? change.apply(s) : s).toList();
        return new Job(id, spec, idempotencyKey, status, changed, createdAt, startedAt, finishedAt, exitCode, error,
                outcome, trigger, output);
    }

    private Job with(JobStatus newStatus, Optional<Instant> started, Optional<Instant> finished,
                     OptionalInt code, Optional<String> reason, String newOutput) {
        return new Job(id, spec, idempotencyKey, newStatus, steps, createdAt, started, finished, code, reason,
                outcome, trigger, newOutput);
    }
}
