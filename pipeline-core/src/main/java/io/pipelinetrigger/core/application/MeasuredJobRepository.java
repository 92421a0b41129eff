package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job store, telling {@link RunMetrics} what was saved: a new or dequeued run, a run's end (once: the store
 * refuses a second end), and how many runs are active and queued. A run recovered after a restart is counted
 * active from its first save, without counting it started again. Every other call passes straight through.
 */
final class MeasuredJobRepository implements JobRepository {

    private final JobRepository store;
    private final RunMetrics metrics;
    private final Set<JobId> active = ConcurrentHashMap.newKeySet();

    MeasuredJobRepository(JobRepository store, RunMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job) {
        return inserted(job, store.insertIfNoneActive(job));
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages) {
        return inserted(job, store.insertIfNoneActive(job, messages));
    }

    @Override
    public boolean update(Job job) {
        return updated(job, store.update(job));
    }

    @Override
    public boolean update(Job job, List<OutboxMessage> messages) {
        return updated(job, store.update(job, messages));
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit) {
        OptionalInt position = store.enqueue(job, limit);
        countQueued();
        return position;
    }

    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        return inserted(job, store.insertIfNoneActive(job, messages, firing));
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit, FiringRecord firing) {
        OptionalInt position = store.enqueue(job, limit, firing);
        countQueued();
        return position;
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
    public boolean startQueued(Job started) {
        return startedFromQueue(started, store.startQueued(started));
    }

    @Override
    public boolean startQueued(Job started, List<OutboxMessage> messages) {
        return startedFromQueue(started, store.startQueued(started, messages));
    }

    private boolean startedFromQueue(Job started, boolean saved) {
        if (saved) {
            metrics.runStarted(started);
            changeActive(active.add(started.id()));
            countQueued();
        }
        return saved;
    }

    private Optional<Job> inserted(Job job, Optional<Job> running) {
        if (running.isEmpty()) {
            if (job.status().isTerminal()) {
                metrics.runEnded(job);
            } else if (job.status() == JobStatus.RUNNING) {
                metrics.runStarted(job);
                changeActive(active.add(job.id()));
            }
        }
        return running;
    }

    private boolean updated(Job job, boolean saved) {
        if (saved && job.status().isTerminal()) {
            metrics.runEnded(job);
            if (!active.remove(job.id())) {
                countQueued(); // a queued job cancelled before it ran
            } else {
                metrics.runsActive(active.size());
            }
        } else if (saved && job.status() != JobStatus.QUEUED) {
            changeActive(active.add(job.id()));
        }
        return saved;
    }

    private void changeActive(boolean changed) {
        if (changed) {
            metrics.runsActive(active.size());
        }
    }

    private void countQueued() {
        metrics.runsQueued(store.findQueued().size());
    }

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
    public List<QueuedJob> findQueued() {
        return store.findQueued();
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
