package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who waits for which job to end: a poll with {@code wait} registers here, and the store's decorator
 * ({@link EndSignallingJobRepository}) completes the waiters when it saves the job's terminal state, whichever
 * path ended it (the job thread, a cancel without a thread, recovery).
 */
final class JobEnds {

    private final Map<JobId, List<CompletableFuture<Optional<Job>>>> waiters = new ConcurrentHashMap<>();
    /** Told of every end after the waiters, e.g. the queue, whose head may start now. */
    private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();

    /** A future completed with the ended job, or by the caller with empty when it gives up. */
    CompletableFuture<Optional<Job>> register(JobId id) {
        CompletableFuture<Optional<Job>> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(id, any -> new CopyOnWriteArrayList<>()).add(waiter);
        waiter.whenComplete((job, failure) -> forget(id, waiter));
        return waiter;
    }

    void ended(Job job) {
        List<CompletableFuture<Optional<Job>>> waiting = waiters.remove(job.id());
        if (waiting != null) {
            waiting.forEach(waiter -> waiter.complete(Optional.of(job)));
        }
        listeners.forEach(listener -> listener.accept(job));
    }

    /**
     * An end another server recorded (seen in the store by {@link StorePolledActivity}): the waiters hear it; the
     * listeners, which act on this server's own ends, do not.
     */
    void endedElsewhere(Job job) {
        List<CompletableFuture<Optional<Job>>> waiting = waiters.remove(job.id());
        if (waiting != null) {
            waiting.forEach(waiter -> waiter.complete(Optional.of(job)));
        }
    }

    /** The jobs someone waits for now. */
    Set<JobId> awaited() {
        return Set.copyOf(waiters.keySet());
    }

    void onEveryEnd(Consumer<Job> listener) {
        listeners.add(listener);
    }

    int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private void forget(JobId id, CompletableFuture<Optional<Job>> waiter) {
        waiters.computeIfPresent(id, (key, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }
}
