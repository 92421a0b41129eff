package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.PipelineException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;

import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalInt;

/**
 * Carries one accepted job through its steps on a background thread, saving every change, until it is
 * completed or failed. Whatever goes wrong, the job never stays {@code running}.
 */
final class JobExecution implements Runnable {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final Job accepted;
    private final JobRepository repository;
    private final ContainerRunner runner;
    private final InstantSource clock;
    private final OutputTail tail;
    private final Duration stopGrace;

    private volatile RunningStep current;
    private volatile String stopReason;

    JobExecution(Job accepted, JobRepository repository, ContainerRunner runner, InstantSource clock,
                 OutputTail tail, Duration stopGrace) {
        this.accepted = accepted;
        this.repository = repository;
        this.runner = runner;
        this.clock = clock;
        this.tail = tail;
        this.stopGrace = stopGrace;
    }

    Job job() {
        return accepted;
    }

    @Override
    public void run() {
        Job job = accepted;
        try {
            job = runSteps(job);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "job " + accepted.id() + " broke off unexpectedly", e);
            failLastResort(job, e);
        }
    }

    /** Stops the running step (stop signal, then kill after the grace) and ends the job failed with the reason. */
    void stop(String reason) {
        stopReason = reason;
        RunningStep step = current;
        if (step != null) {
            step.stop(stopGrace);
        }
    }

    private Job runSteps(Job job) {
        for (StepName step : job.spec().pipeline().steps()) {
            if (stopReason != null) {
                return fail(job, stopReason, OptionalInt.empty());
            }
            if (anEarlierStepExitedNonZero(job)) {
                job = save(job.stepSkipped(step));
                continue;
            }
            job = save(job.stepStarted(step, clock.instant()));
            LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": step " + step.wireName() + " starting");
            StepOutcome outcome;
            try {
                outcome = runToExit(job, step);
            } catch (PipelineException launchFailure) {
                tail.endOfStep(step);
                job = save(job.stepFailed(step, OptionalInt.empty(), clock.instant()));
                return fail(job, launchFailure.getMessage(), OptionalInt.empty());
            }
            tail.endOfStep(step);
            if (outcome instanceof StepOutcome.Failed failed) {
                job = save(job.stepFailed(step, failed.exitCode(), clock.instant()));
                return fail(job, failed.reason(), failed.exitCode());
            }
            int exitCode = ((StepOutcome.Exited) outcome).exitCode();
            if (stopReason != null) {
                job = save(job.stepFailed(step, OptionalInt.of(exitCode), clock.instant()));
                return fail(job, stopReason, OptionalInt.of(exitCode));
            }
            job = save(job.stepExited(step, exitCode, clock.instant()));
            LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": step " + step.wireName() + " exited " + exitCode);
        }
        Job completed = save(job.complete(clock.instant(), tail.text()));
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + " completed with exit code " + completed.exitCodeForDisplay());
        return completed;
    }

    private StepOutcome runToExit(Job job, StepName step) {
        try (RunningStep running = runner.start(StepSpecs.forStep(job, step), tail::accept)) {
            current = running;
            if (stopReason != null) {
                running.stop(stopGrace); // a stop that came while the step was being started
            }
            return running.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("Interrupted while waiting for step " + step.wireName() + ".", OptionalInt.empty());
        } finally {
            current = null;
        }
    }

    private static boolean anEarlierStepExitedNonZero(Job job) {
        return job.steps().stream().anyMatch(s -> s.status() == StepStatus.COMPLETED
                && s.exitCode().isPresent() && s.exitCode().getAsInt() != 0);
    }

    private Job fail(Job job, String reason, OptionalInt exitCode) {
        tail.appendLine("pipeline-trigger: " + reason);
        Job failed = save(job.fail(reason, exitCode, clock.instant(), tail.text()));
        LOG.log(System.Logger.Level.WARNING, "job " + job.id() + " failed: " + reason);
        return failed;
    }

    private void failLastResort(Job lastSaved, Throwable cause) {
        try {
            Job current = repository.findById(lastSaved.id()).orElse(lastSaved);
            if (!current.status().isTerminal()) {
                fail(current, "The job broke off because of an internal error (" + cause.getClass().getSimpleName()
                        + "); see the server log.", OptionalInt.empty());
            }
        } catch (RuntimeException again) {
            LOG.log(System.Logger.Level.ERROR, "job " + lastSaved.id() + " could not be marked failed", again);
        }
    }

    private Job save(Job job) {
        repository.update(job);
        return job;
    }
}
