package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.application.ExecutionPhase.Kind;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.port.out.StepOutcome;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries one job through its steps on a background thread, saving every change, until it is completed,
 * failed or cancelled. A job recovered after a restart resumes here too: finished steps are passed over and
 * its running step is followed again through the runner. Following a step is the {@link StepFollower}'s part;
 * this class decides what each of its results means for the job and records it. Where the execution stands is
 * one {@link ExecutionPhase}. Whatever goes wrong, the job never stays {@code running} (unless the server
 * detaches from it on purpose, to reattach after a restart).
 */
final class JobExecution implements Runnable {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final ExecutionContext context;
    private final OutputTail tail;
    private final SavedJob saved;
    private final AtomicReference<ExecutionPhase> phase = new AtomicReference<>(ExecutionPhase.following());
    private final StepFollower follower;

    JobExecution(Job job, ExecutionContext context, OutputTail tail) {
        this.context = context;
        this.tail = tail;
        this.saved = new SavedJob(context.repository(), job);
        this.follower = new StepFollower(context, tail, phase::get);
    }

    Job job() {
        return saved.get();
    }

    @Override
    public void run() {
        long every = context.settings().outputSaveInterval().toMillis();
        ScheduledFuture<?> outputSaver = context.timers().scheduleWithFixedDelay(this::saveOutputSoFar, every, every,
                TimeUnit.MILLISECONDS);
        try {
            runSteps();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "job " + job().id() + " broke off unexpectedly", e);
            failLastResort(e);
        } finally {
            outputSaver.cancel(false);
        }
    }

    /** Asks the job to stop; the first request decides how it ends, later ones change nothing. */
    void requestStop(StopRequest request) {
        if (phase.getAndUpdate(now -> now.stop(request)).is(Kind.FOLLOWING)) {
            follower.stopCurrent();
        }
    }

    /**
     * Stops following the job without stopping its step, for a runner whose steps outlive the server (or for the
     * replica that adopts the job).
     *
     * @return true when it was following the job until now; false when it had ended or was stopping already
     */
    boolean detach() {
        if (phase.getAndUpdate(ExecutionPhase::detach).is(Kind.FOLLOWING)) {
            follower.detachCurrent();
            return true;
        }
        return false;
    }

    private void runSteps() {
        for (StepName name : job().spec().pipeline().steps()) {
            Step step = job().step(name);
            if (step.status().isTerminal()) {
                continue; // finished before a restart
            }
            ExecutionPhase now = phase.get();
            if (now.is(Kind.STOPPING)) {
                end(now.stopRequest().orElseThrow().reason(), OptionalInt.empty());
                return;
            }
            if (now.is(Kind.DETACHING)) {
                LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": the server is stopping; the next start goes on"
                        + " with step " + name.wireName());
                return;
            }
            if (now.is(Kind.OVER)) {
                return; // ended elsewhere
            }
            if (step.status() == StepStatus.PENDING && anEarlierStepExitedNonZero()) {
                Job skipped = job().stepSkipped(name);
                if (!save(skipped)) {
                    return;
                }
                // a completed job with a non-zero exit code says in its output why a step did not run
                tail.appendLine("pipeline-trigger: " + name.wireName() + " skipped: "
                        + skipped.step(name).skipReason().orElseThrow());
                continue;
            }
            if (!runStep(name)) {
                return;
            }
        }
        Job completed = job().complete(context.clock().instant(), tail.text());
        if (save(completed)) {
            phase.updateAndGet(ExecutionPhase::over);
            LOG.log(System.Logger.Level.INFO, "job " + completed.id() + " completed with exit code "
                    + completed.exitCodeForDisplay());
        }
    }

    /** Runs (or follows again) one step to its end and records how it ended; false when the job goes no further here. */
    private boolean runStep(StepName name) {
        boolean resumed = job().step(name).status() == StepStatus.RUNNING;
        if (!resumed && !save(job().stepStarted(name, context.clock().instant()))) {
            return false;
        }
        StepFollower.Result result;
        Runnable disarmTimeout = armTimeout(name);
        try {
            result = follower.follow(job(), name, resumed, runnerId -> save(job().stepRunnerId(name, runnerId)));
        } finally {
            disarmTimeout.run();
        }
        if (result instanceof StepFollower.Result.Detached) {
            LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": detached from its running step "
                    + name.wireName() + "; a restarted server reattaches to it");
            return false;
        }
        if (!(result instanceof StepFollower.Result.Ended ended)) {
            return false; // ended elsewhere: already said so when the save was refused
        }
        boolean goOn = recordEnd(name, ended);
        // only now: a step whose end could not be saved (the store out of reach) stays for whoever recovers the job
        follower.releaseEnded();
        return goOn;
    }

    /** Records how a followed step ended; false when the job goes no further here. */
    private boolean recordEnd(StepName name, StepFollower.Result.Ended ended) {
        if (ended.outcome() instanceof StepOutcome.Failed failed) {
            if (save(job().stepFailed(name, failed.exitCode(), context.clock().instant()))) {
                end(failed.reason(), failed.exitCode());
            }
            return false;
        }
        int exitCode = ((StepOutcome.Exited) ended.outcome()).exitCode();
        Optional<StopRequest> stop = phase.get().stopRequest();
        if (stop.isPresent()) {
            end(stop.get().reason(), OptionalInt.of(exitCode));
            return false;
        }
        if (!save(job().stepExited(name, exitCode, context.clock().instant()))) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": step " + name.wireName() + " exited " + exitCode);
        return true;
    }

    /** Arms the step's timeout, if it has one, counted from when the step started; returns what disarms it. */
    private Runnable armTimeout(StepName name) {
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

    /** Records the job's end: as the stop request says, if there was one; else failed with {@code reason}. */
    private void end(String reason, OptionalInt exitCode) {
        tail.appendLine("pipeline-trigger: " + reason);
        Optional<StopRequest> request = phase.get().stopRequest();
        // a runner's reason may quote what a step or the engine said: it is cleaned like the output
        Job ended = request.isPresent()
                ? request.get().end(job(), exitCode, context.clock().instant(), tail.text())
                : job().fail(context.settings().sanitizer().clean(reason), exitCode, context.clock().instant(), tail.text());
        if (save(ended)) {
            phase.updateAndGet(ExecutionPhase::over);
            LOG.log(System.Logger.Level.WARNING, "job " + ended.id() + " " + ended.status().wireName() + ": "
                    + ended.error().orElse(reason));
        }
    }

    /**
     * Saves {@code next}; a refusal means the job was ended elsewhere: the execution is then over, its step
     * (if one runs) is stopped, and the caller records nothing more.
     */
    private boolean save(Job next) {
        if (saved.save(next)) {
            return true;
        }
        endedElsewhere();
        return false;
    }

    private void endedElsewhere() {
        if (adoptedElsewhere()) {
            if (detach()) { // the adopter follows the step now: it must not be stopped from here
                LOG.log(System.Logger.Level.WARNING, "job " + job().id() + ": another replica holds its lease now;"
                        + " let go of it");
            }
            return;
        }
        if (!phase.getAndUpdate(ExecutionPhase::over).is(Kind.OVER)) {
            LOG.log(System.Logger.Level.INFO, "job " + job().id() + ": it was ended elsewhere; stopped following it");
            follower.stopCurrent();
        }
    }

    /** A save refused while the job still runs was refused by its lease (docs/operations.md, "Replicas"). */
    private boolean adoptedElsewhere() {
        try {
            return context.repository().findById(job().id()).map(saved -> !saved.status().isTerminal()).orElse(false);
        } catch (RuntimeException unreachable) {
            return true; // not known to have ended: leave the step alone rather than stop someone else's
        }
    }

    private void saveOutputSoFar() {
        try {
            if (!saved.saveOutput(tail.text())) {
                endedElsewhere();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + job().id() + ": could not save the output so far", e);
        }
    }

    private void failLastResort(Throwable cause) {
        try {
            Job stored = context.repository().findById(job().id()).orElse(job());
            if (!stored.status().isTerminal()) {
                String reason = "The job broke off because of an internal error (" + cause.getClass().getSimpleName()
                        + "); see the server log.";
                tail.appendLine("pipeline-trigger: " + reason);
                context.repository().update(stored.fail(reason, OptionalInt.empty(), context.clock().instant(), tail.text()));
            }
        } catch (RuntimeException again) {
            LOG.log(System.Logger.Level.ERROR, "job " + job().id() + " could not be marked failed", again);
        }
    }
}
