package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.PipelineException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Follows the steps of one job execution, one at a time: starts a step (or finds it again after a restart),
 * sends its output to the job's tail and the step's archive, and waits for its end. It records nothing: it tells
 * its execution what became of the step. A stop or a detach reaches the step being followed, also one that was
 * still starting when it was asked for: the step is told as soon as the runner hands it over.
 */
final class StepFollower {

    private static final System.Logger LOG = System.getLogger(StepFollower.class.getName());

    /** What became of a followed step. */
    sealed interface Result {

        /** It ended; a step that could not be started, or found again after a restart, ends {@code Failed}. */
        record Ended(StepOutcome outcome) implements Result {
            public Ended {
                Objects.requireNonNull(outcome, "outcome");
            }
        }

        /** The server let go of it on purpose; it runs on for a restarted server to reattach to. */
        record Detached() implements Result {
        }

        /** Its job was ended elsewhere, so it was not started (or, found again after a restart, was stopped). */
        record EndedElsewhere() implements Result {
        }
    }

    private final ExecutionContext context;
    private final OutputTail tail;
    private final Supplier<ExecutionPhase> phase;
    private final AtomicReference<RunningStep> current = new AtomicReference<>();
    /** The step that ended and is kept (a container is not removed) until its end is recorded. */
    private final AtomicReference<RunningStep> ended = new AtomicReference<>();

    StepFollower(ExecutionContext context, OutputTail tail, Supplier<ExecutionPhase> phase) {
        this.context = context;
        this.tail = tail;
        this.phase = phase;
    }

    /**
     * Starts step {@code name} of {@code job} (or, when {@code resumed}, finds it again after a restart) and
     * follows it to its end. {@code created} hears the runner's name for the step and answers whether to go on.
     */
    Result follow(Job job, StepName name, boolean resumed, StepCreated created) {
        try (StepOutputWriter archive = context.archive().open(job.id(), name)) {
            LogSink sink = chunk -> {
                tail.accept(chunk);
                archive.accept(chunk);
            };
            return resumed ? followRecovered(job, name, sink, created) : followStarted(job, name, sink, created);
        } catch (PipelineException launchFailure) {
            return new Result.Ended(new StepOutcome.Failed(launchFailure.getMessage(), OptionalInt.empty()));
        } finally {
            tail.endOfStep(name);
        }
    }

    /** Gives the step being followed its stop signal, if there is one now. */
    void stopCurrent() {
        RunningStep step = current.get();
        if (step != null) {
            step.stop(context.settings().stopGrace());
        }
    }

    /** Lets go of the step being followed without stopping it, if there is one now. */
    void detachCurrent() {
        RunningStep step = current.get();
        if (step != null) {
            step.detach();
        }
    }

    private Result followStarted(Job job, StepName name, LogSink sink, StepCreated created) {
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": step " + name.wireName() + " starting");
        AtomicReference<String> named = new AtomicReference<>();
        StepCreated heard = runnerId -> {
            named.set(runnerId);
            return created.proceed(runnerId);
        };
        Optional<RunningStep> started = context.runner().start(StepSpecs.forStep(job, name), sink, heard);
        if (started.isEmpty()) {
            return new Result.EndedElsewhere();
        }
        return followHandedOver(started.get(), name, Optional.ofNullable(named.get()), created);
    }

    private Result followRecovered(Job job, StepName name, LogSink sink, StepCreated created) {
        // the output up to what the archive kept is in the tail already (see JobRecovery)
        long seen = context.archive().bytesKept(job.id(), name);
        Optional<String> savedId = job.step(name).runnerId();
        StepSpec spec = StepSpecs.forStep(job, name);
        RecoveredStep found = context.runner().recover(spec, savedId, new SkippingSink(seen, sink));
        if (found instanceof RecoveredStep.Gone gone) {
            return new Result.Ended(new StepOutcome.Failed(gone.reason(), OptionalInt.empty()));
        }
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": reattached to step " + name.wireName());
        return followHandedOver(((RecoveredStep.Reattached) found).step(), name, savedId, created);
    }

    /**
     * A step found again under another name than the saved one (the save was lost), or a runner that did not name
     * it when it was created: its name is saved now, or it is let go of when its job ended elsewhere.
     */
    private Result followHandedOver(RunningStep step, StepName name, Optional<String> savedId, StepCreated created) {
        if (!savedId.equals(Optional.of(step.id())) && !savedOrLetGo(step, created)) {
            return new Result.EndedElsewhere();
        }
        return followToExit(step, name);
    }

    /** Saves the step's name; false (and the step let go of) when its job ended elsewhere. */
    private boolean savedOrLetGo(RunningStep step, StepCreated created) {
        boolean proceed;
        try {
            proceed = created.proceed(step.id());
        } catch (RuntimeException | Error notSaved) {
            letGo(step);
            throw notSaved;
        }
        if (!proceed) {
            letGo(step);
        }
        return proceed;
    }

    /** A step nobody will follow must not run on unseen: as a runner does with a step whose start was declined. */
    private void letGo(RunningStep step) {
        step.stop(context.settings().stopGrace());
        step.close();
    }

    private Result followToExit(RunningStep step, StepName name) {
        current.set(step);
        boolean detached = false;
        try {
            ExecutionPhase meanwhile = phase.get(); // a request that came while the step was starting
            if (meanwhile.wantsTheStepStopped()) {
                step.stop(context.settings().stopGrace());
            } else if (meanwhile.is(ExecutionPhase.Kind.DETACHING)) {
                step.detach();
            }
            StepOutcome outcome = awaitExit(step, name);
            detached = phase.get().is(ExecutionPhase.Kind.DETACHING);
            return detached ? new Result.Detached() : new Result.Ended(outcome);
        } finally {
            current.set(null);
            if (!detached) {
                ended.set(step); // released by releaseEnded once its end is recorded
            }
        }
    }

    /**
     * Lets go of the step that ended, once its execution recorded its end: a container is removed then. One whose
     * job went to another replica meanwhile is only let go of, for the adopter to read.
     */
    void releaseEnded() {
        RunningStep step = ended.getAndSet(null);
        if (step != null) {
            if (phase.get().is(ExecutionPhase.Kind.DETACHING)) {
                step.detach();
            }
            step.close();
        }
    }

    private static StepOutcome awaitExit(RunningStep step, StepName name) {
        try {
            return step.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("Interrupted while waiting for step " + name.wireName() + ".", OptionalInt.empty());
        }
    }
}
