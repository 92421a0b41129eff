package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The job store as every service sees it: the adapter's store, plus a signal to {@link JobEnds} once a job's
 * terminal state is saved. A job ends exactly once (the store refuses a later update), so each end is signalled
 * once, and only after it is durable. Every saved change also nudges the job's watchers ({@link JobActivity}).
 */
final class EndSignallingJobRepository implements JobRepository {

    private final JobRepository store;
    private final JobEnds ends;
    private final JobActivity activity;

    EndSignallingJobRepository(JobRepository store, JobEnds ends) {
        this(store, ends, new JobActivity());
    }

    /** Also tells {@code activity} of every saved change, for the followers of a job's events. */
    EndSignallingJobRepository(JobRepository store, JobEnds ends, JobActivity activity) {
        this.store = store;
        this.ends = ends;
        this.activity = activity;
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job) {
        Optional<Job> active = store.insertIfNoneActive(job);
        if (active.isEmpty() && job.status().isTerminal()) {
            ends.ended(job);
        }
        if (active.isEmpty()) {
            activity.changed(job.id());
        }
        return active;
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        Optional<Job> active = store.insertIfNoneActive(job, messages, firing);
        if (active.isEmpty()) {
            activity.changed(job.id());
        }
        return active;
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

    @Override
    public boolean update(Job job) {
        boolean saved = store.update(job);
        if (saved && job.status().isTerminal()) {
            ends.ended(job);
        }
        if (saved) {
            activity.changed(job.id());
        }
        return saved;
    }

    /** A running job's output: never an end, so nothing to signal. */
    @Override
    public boolean updateOutput(JobId id, String output) {
        return store.updateOutput(id, output);
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
    public List<Job> findPage(JobFilter filter, Instant finishedNotBefore, int max) {
        return store.findPage(filter, finishedNotBefore, max);
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

    @Override
    public boolean startQueued(Job started) {
        return startedFromQueue(started, store.startQueued(started));
    }

    @Override
    public boolean startQueued(Job started, List<OutboxMessage> messages) {
        return startedFromQueue(started, store.startQueued(started, messages));
    }

    /** A followed queued job changes when it starts. */
    private boolean startedFromQueue(Job started, boolean saved) {
        if (saved) {
            activity.changed(started.id());
        }
        return saved;
    }

    @Override
    public void checkWritable() {
        store.checkWritable();
    }

    @Override
    public List<JobId> deleteFinishedBefore(Instant cutoff) {
        return store.deleteFinishedBefore(cutoff);
    }
}
