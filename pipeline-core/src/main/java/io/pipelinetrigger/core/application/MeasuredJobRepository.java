package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job store, telling {@link RunMetrics} what was saved: a new run, a run's end (once: the store refuses a
 * second end), and how many runs are active. A run recovered after a restart is counted active from its first
 * save, without counting it started again.
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
        Optional<Job> running = store.insertIfNoneActive(job);
        if (running.isEmpty()) {
            if (job.status().isTerminal()) {
                metrics.runEnded(job);
            } else {
                metrics.runStarted(job);
                changeActive(active.add(job.id()));
            }
        }
        return running;
    }

    @Override
    public boolean update(Job job) {
        boolean saved = store.update(job);
        if (saved && job.status().isTerminal()) {
            metrics.runEnded(job);
            changeActive(active.remove(job.id()));
        } else if (saved) {
            changeActive(active.add(job.id()));
        }
        return saved;
    }

    private void changeActive(boolean changed) {
        if (changed) {
            metrics.runsActive(active.size());
        }
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
    public void checkWritable() {
        store.checkWritable();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return store.deleteFinishedBefore(cutoff);
    }
}
