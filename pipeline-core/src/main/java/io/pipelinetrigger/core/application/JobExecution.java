package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.PipelineException;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries one job through its steps on a background thread, saving every change, until it is completed,
 * failed or cancelled. A job recovered after a restart resumes here too: finished steps are passed over and
 * its running step is followed through the handle the runner reattached. Whatever goes wrong, the job never
 * stays {@code running} (unless the server detaches from it on purpose, to reattach after a restart).
 */
final class JobExecution implements Runnable {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final ExecutionContext context;
    private final OutputTail tail;
    private final Object saveLock = new Object();
    private Job job; // the last saved state, guarded by saveLock

    private volatile RunningStep current;
    private volatile StopRequest stopRequest;
    private volatile boolean detaching;

    JobExecution(Job job, ExecutionContext context, OutputTail tail) {
        this.job = job;
        this.context = context;
        this.tail = tail;
    }

    Job job() {
        synchronized (saveLock) {
            return job;
        }
    }

    @Override
    public void run() {
        ScheduledFuture<?> outputSaver = context.timers().scheduleWithFixedDelay(this::saveOutputSoFar,
                context.settings().outputSaveInterval().toMillis(), context.settings().outputSaveInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            runSteps();
        } catch (StopFollowing stop) {
            LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": " + stop.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "job " + job().id() + " broke off unexpectedly", e);
            failLastResort(e);
        } finally {
            outputSaver.cancel(false);
        }
    }

    /** Asks the job to stop; the first request decides how it ends, later ones change nothing. */
    void requestStop(StopRequest request) {
        synchronized (saveLock) {
            if (stopRequest != null) {
                return;
            }
            stopRequest = request;
        }
        RunningStep step = current;
        if (step != null) {
            step.stop(context.settings().stopGrace());
        }
    }

    /** Stops following the job without stopping its step, for a runner whose steps outlive the server. */
    void detach() {
        detaching = true;
        RunningStep step = current;
        if (step != null) {
            step.detach();
        }
    }

    private void runSteps() {
        for (StepName name : job().spec().pipeline().steps()) {
            Step step = job().step(name);
            if (step.status().isTerminal()) {
                continue; // finished before a restart
            }
            if (stopRequest != null) {
                end(stopRequest.reason(), OptionalInt.empty());
                return;
            }
            if (detaching) {
                throw new StopFollowing("the server is stopping; the next start goes on with step " + name.wireName());
            }
            if (step.status() == StepStatus.PENDING && anEarlierStepExitedNonZero()) {
                save(job().stepSkipped(name));
                continue;
            }
            if (!runStep(name)) {
                return;
            }
        }
        Job completed = save(job().complete(context.clock().instant(), tail.text()));
        LOG.log(System.Logger.Level.INFO, "job " + completed.id() + " completed with exit code " + completed.exitCodeForDisplay());
    }

    /** Runs (or follows) one step to its end; false when the job ended with it. */
    private boolean runStep(StepName name) {
        boolean resumed = job().step(name).status() == StepStatus.RUNNING;
        if (!resumed) {
            save(job().stepStarted(name, context.clock().instant()));
        }
        StepOutcome outcome;
        try (StepOutputWriter archive = context.archive().open(job().id(), name)) {
            outcome = follow(name, resumed, archive);
        } catch (PipelineException launchFailure) {
            tail.endOfStep(name);
            save(job().stepFailed(name, OptionalInt.empty(), context.clock().instant()));
            end(launchFailure.getMessage(), OptionalInt.empty());
            return false;
        }
        tail.endOfStep(name);
        if (detaching) {
            throw new StopFollowing("detached from its running step; a restarted server reattaches to it");
        }
        if (outcome instanceof StepOutcome.Failed failed) {
            save(job().stepFailed(name, failed.exitCode(), context.clock().instant()));
            end(failed.reason(), failed.exitCode());
            return false;
        }
        int exitCode = ((StepOutcome.Exited) outcome).exitCode();
        if (stopRequest != null) {
            end(stopRequest.reason(), OptionalInt.of(exitCode));
            return false;
        }
        save(job().stepExited(name, exitCode, context.clock().instant()));
        LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": step " + name.wireName() + " exited " + exitCode);
        return true;
    }

    private StepOutcome follow(StepName name, boolean resumed, StepOutputWriter archive) {
        LogSink sink = chunk -> {
            tail.accept(chunk);
            archive.accept(chunk);
        };
        StepSpec spec = StepSpecs.forStep(job(), name);
        RunningStep running;
        if (resumed) {
            // the output up to what the archive kept is in the tail already (see JobRecovery)
            long seen = context.archive().bytesKept(job().id(), name);
            RecoveredStep found = context.runner().recover(spec, job().step(name).runnerId(), new SkippingSink(seen, sink));
            if (found instanceof RecoveredStep.Gone gone) {
                return new StepOutcome.Failed(gone.reason(), OptionalInt.empty());
            }
            running = ((RecoveredStep.Reattached) found).step();
            LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": reattached to step " + name.wireName());
        } else {
            LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": step " + name.wireName() + " starting");
            running = context.runner().start(spec, sink, runnerId -> save(job().stepRunnerId(name, runnerId)));
        }
        current = running;
        Runnable cancelTimeout = scheduleTimeout(name);
        try {
            if (!job().step(name).runnerId().equals(Optional.of(running.id()))) {
                save(job().stepRunnerId(name, running.id())); // a reattached step, or a runner that named it late
            }
            if (stopRequest != null) {
                running.stop(context.settings().stopGrace()); // a stop that came while the step was starting
            }
            return running.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("Interrupted while waiting for step " + name.wireName() + ".", OptionalInt.empty());
        } finally {
            cancelTimeout.run();
            current = null;
            if (!detaching) {
                running.close();
            }
        }
    }

    /** Arms the step's timeout, if it has one; returns what disarms it. */
    private Runnable scheduleTimeout(StepName name) {
        if (job().spec().stepTimeout().isEmpty()) {
            return () -> { };
        }
        Duration limit = job().spec().stepTimeout().get();
        Duration used = job().step(name).startedAt()
                .map(started -> Duration.between(started, context.clock().instant())).orElse(Duration.ZERO);
        long remainingMillis = Math.max(0, limit.minus(used).toMillis());
        ScheduledFuture<?> timer = context.timers().schedule(
                () -> requestStop(StopRequest.timeout(name.wireName(), limit)), remainingMillis, TimeUnit.MILLISECONDS);
        return () -> timer.cancel(false);
    }

    private boolean anEarlierStepExitedNonZero() {
        return job().steps().stream().anyMatch(s -> s.status() == StepStatus.COMPLETED
                && s.exitCode().isPresent() && s.exitCode().getAsInt() != 0);
    }

    private void end(String reason, OptionalInt exitCode) {
        tail.appendLine("pipeline-trigger: " + reason);
        StopRequest request = stopRequest;
        // a runner's reason may quote what a step or the engine said: it is cleaned like the output
        Job ended = request != null
                ? request.end(job(), exitCode, context.clock().instant(), tail.text())
                : job().fail(context.settings().sanitizer().clean(reason), exitCode, context.clock().instant(), tail.text());
        save(ended);
        LOG.log(System.Logger.Level.WARNING, "job " + ended.id() + " " + ended.status().wireName() + ": "
                + ended.error().orElse(reason));
    }

    private void saveOutputSoFar() {
        try {
            synchronized (saveLock) {
                Job withOutput = job.withOutput(tail.text());
                if (!job.status().isTerminal() && context.repository().update(withOutput)) {
                    job = withOutput;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + job().id() + ": could not save the output so far", e);
        }
    }

    private void failLastResort(Throwable cause) {
        try {
            Job saved = context.repository().findById(job().id()).orElse(job());
            if (!saved.status().isTerminal()) {
                String reason = "The job broke off because of an internal error (" + cause.getClass().getSimpleName()
                        + "); see the server log.";
                tail.appendLine("pipeline-trigger: " + reason);
                context.repository().update(saved.fail(reason, OptionalInt.empty(), context.clock().instant(), tail.text()));
            }
        } catch (RuntimeException again) {
            LOG.log(System.Logger.Level.ERROR, "job " + job().id() + " could not be marked failed", again);
        }
    }

    private Job save(Job next) {
        synchronized (saveLock) {
            if (!context.repository().update(next)) {
                RunningStep step = current;
                if (step != null) {
                    step.stop(context.settings().stopGrace());
                }
                throw new StopFollowing("it was ended elsewhere; stopped following it");
            }
            job = next;
            return next;
        }
    }

    /** This execution has nothing left to record: the job ended through another path, or we detached from it. */
    private static final class StopFollowing extends RuntimeException {
        StopFollowing(String why) {
            super(why, null, false, false);
        }
    }
}
