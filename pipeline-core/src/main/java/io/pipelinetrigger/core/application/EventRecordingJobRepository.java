package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The job store with the webhook outbox beside it: a save that starts or ends a job hands the store the messages
 * of that event, which it writes in the same transaction (docs/webhooks.md, "Delivery"). A job ends exactly once
 * (the store refuses a later update), so each end is told once; a job starts when it is saved running for the
 * first time: accepted running, or taken from a queue ({@link #startQueued}).
 */
final class EventRecordingJobRepository implements JobRepository {

    private final JobRepository store;
    private final JobEvents events;

    EventRecordingJobRepository(JobRepository store, JobEvents events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job) {
        if (events.any() && job.status() == JobStatus.RUNNING) {
            return store.insertIfNoneActive(job, events.started(job));
        }
        return insertIfNoneActive(job, eventsOfEnd(job));
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages) {
        return store.insertIfNoneActive(job, messages);
    }

    @Override
    public boolean update(Job job) {
        if (!events.any()) {
            return store.update(job);
        }
        if (job.status().isTerminal()) {
            return store.update(job, events.ended(job));
        }
        return store.update(job);
    }

    @Override
    public boolean update(Job job, List<OutboxMessage> messages) {
        return store.update(job, messages);
    }

    /** A firing's job tells its start like any other; a queued one tells it when it leaves the queue. */
    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        if (events.any() && job.status() == JobStatus.RUNNING) {
            List<OutboxMessage> all = new ArrayList<>(messages);
            all.addAll(events.started(job));
            return store.insertIfNoneActive(job, all, firing);
        }
        return store.insertIfNoneActive(job, messages, firing);
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit, FiringRecord firing) {
        return store.enqueue(job, limit, firing);
    }

    @Override
    public boolean recordFiring(FiringRecord skipped) {
        return store.recordFiring(skipped);
    }

    @Override
    public List<FiringRecord> lastFirings() {
        return store.lastFirings();
    }

    private List<OutboxMessage> eventsOfEnd(Job job) {
        return events.any() && job.status().isTerminal() ? events.ended(job) : List.of();
    }

    @Override
    public Optional<Job> findByIdempotencyKey(String key) {
        return store.findByIdempotencyKey(key);
    }

    @Override
    public Optional<Job> findById(JobId id) {
        return store.findById(id);
    }

    @Override
    public List<Job> findAll() {
        return store.findAll();
    }

    @Override
    public Optional<Job> findActive() {
        return store.findActive();
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit) {
        return store.enqueue(job, limit);
    }

    @Override
    public List<QueuedJob> findQueued() {
        return store.findQueued();
    }

    /** Leaving the queue is when a queued job starts: told as {@code job.started}, in the start's transaction. */
    @Override
    public boolean startQueued(Job started) {
        return events.any() ? store.startQueued(started, events.started(started)) : store.startQueued(started);
    }

    @Override
    public boolean startQueued(Job started, List<OutboxMessage> messages) {
        return store.startQueued(started, messages);
    }

    @Override
    public void checkWritable() {
        store.checkWritable();
    }

    @Override
    public List<JobId> deleteFinishedBefore(Instant cutoff) {
        return store.deleteFinishedBefore(cutoff);
    }

    @Override
    public boolean updateOutput(JobId id, String output) {
        return store.updateOutput(id, output); // an output save changes no state, so it raises no event
    }

    @Override
    public List<Job> findPage(JobFilter filter, Instant finishedNotBefore, int max) {
        return store.findPage(filter, finishedNotBefore, max);
    }
}
