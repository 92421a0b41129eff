package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The queue of jobs waiting for the active run to end (docs/api.md, "When the pipeline is busy"). The store keeps
 * the queue and decides every start ({@link JobRepository#startQueued}), so two runs ending at once, or two servers
 * on one store, never start two queued jobs. The head starts when a run ends and on every retry tick; the checks
 * a trigger passes (no run of ours, no labelled container, a reachable runner) hold it back until they clear.
 */
final class JobQueue {

    private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());

    private final ExecutionContext context;
    private final JobLauncher launcher;

    JobQueue(ExecutionContext context, JobLauncher launcher) {
        this.context = context;
        this.launcher = launcher;
    }

    boolean isEmpty() {
        return context.repository().findQueued().isEmpty();
    }

    /**
     * Saves the job at the end of the queue (with the record of the schedule firing that made it, if any) and
     * starts the head if nothing runs.
     *
     * @throws PipelineBusyException when the queue is full; nothing is saved then
     */
    void enqueue(Job queued, Optional<Duration> queueTimeout, Optional<FiringRecord> firing) {
        Optional<Instant> deadline = queueTimeout.map(queued.createdAt()::plus);
        int limit = context.settings().queueLimit();
        QueuedJob waiting = new QueuedJob(queued, deadline);
        OptionalInt position = firing.isPresent()
                ? context.repository().enqueue(waiting, limit, firing.get()) // saved with the schedule's firing
                : context.repository().enqueue(waiting, limit);
        if (position.isEmpty()) {
            String blocking = context.repository().findActive().map(j -> j.id().value())
                    .orElseGet(() -> context.repository().findQueued().stream().findFirst()
                            .map(q -> q.job().id().value()).orElse(""));
            throw new PipelineBusyException(blocking, "The queue is full: " + limit + " job(s) wait already for"
                    + " the active run. Try again when a queued job has started, or trigger without \"queue\".");
        }
        LOG.log(System.Logger.Level.INFO, "job " + queued.id() + " queued at position " + position.getAsInt());
        startNext();
    }

    /** Where the job waits (1 = next), while it is queued. */
    OptionalInt position(JobId id) {
        List<QueuedJob> queued = context.repository().findQueued();
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i).job().id().equals(id)) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** Ends queued jobs that waited too long, then starts the head if it may start; never throws. */
    synchronized void startNext() {
        try {
            Optional<QueuedJob> head = expireAndFindHead();
            if (head.isEmpty() || !launcher.accepting() || context.repository().findActive().isPresent()) {
                return;
            }
            Optional<String> holdBack = whyItMustWait();
            if (holdBack.isPresent()) {
                Job waiting = head.get().job();
                if (!waiting.error().equals(holdBack)) {
                    context.repository().update(waiting.heldBack(holdBack.get()));
                    LOG.log(System.Logger.Level.INFO, "job " + waiting.id() + " stays queued: " + holdBack.get());
                }
                return;
            }
            Job started = head.get().job().startFromQueue();
            if (context.repository().startQueued(started)) {
                LOG.log(System.Logger.Level.INFO, "job " + started.id() + " leaves the queue and starts");
                launcher.launch(started);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the queue could not start its next job; it tries again shortly", e);
        }
    }

    private Optional<QueuedJob> expireAndFindHead() {
        Instant now = context.clock().instant();
        for (QueuedJob queued : context.repository().findQueued()) {
            if (!queued.expiredAt(now)) {
                return Optional.of(queued);
            }
            Job job = queued.job();
            String reason = "The job waited in the queue longer than its queue timeout of "
                    + StopRequest.readable(Duration.between(job.createdAt(), queued.deadline().orElseThrow()))
                    + " and was cancelled without running.";
            context.repository().update(job.cancel(reason, OptionalInt.empty(), now, "pipeline-trigger: " + reason + "\n"));
            LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": " + reason);
        }
        return Optional.empty();
    }

    /** The same checks as a trigger's, as a reason to wait rather than a 409 or 503. */
    private Optional<String> whyItMustWait() {
        try {
            context.runner().checkReachable();
            Optional<ConflictingRun> outside = context.runner().findConflictingRun();
            return outside.map(run -> "Waiting: a pipeline container is already running: " + run.description() + ".");
        } catch (RuntimeException unreachable) {
            return Optional.of("Waiting: the runner cannot be reached (" + unreachable.getMessage()
                    + "); the start is retried.");
        }
    }
}
