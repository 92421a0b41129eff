package io.pipelinetrigger.core.inmemory;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.JobLease;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leases of {@link InMemoryJobRepository}: of running jobs and of background tasks, and the cancels left for a
 * job's holder. Not thread-safe on its own: the repository calls it under its lock, so that a claim and the job's
 * status are one decision.
 */
final class InMemoryLeases {

    /** Who holds a lease, until when. */
    private record Held(String holder, Instant until) {

        boolean claimableBy(String claimant, Instant now) {
            return holder.equals(claimant) || !now.isBefore(until);
        }
    }

    private final Map<JobId, Held> jobs = new HashMap<>();
    private final Map<String, Held> tasks = new HashMap<>();
    private final Set<JobId> cancelRequested = new HashSet<>();

    boolean claimJob(JobId id, String holder, Instant now, Instant until) {
        return claim(jobs, id, holder, now, until);
    }

    Optional<JobLease> renewJob(JobId id, String holder, Instant until) {
        Held saved = jobs.get(id);
        if (saved == null || !saved.holder().equals(holder)) {
            return Optional.empty();
        }
        jobs.put(id, new Held(holder, until));
        return ofJob(id);
    }

    void releaseJob(JobId id, String holder) {
        release(jobs, id, holder);
    }

    Optional<JobLease> ofJob(JobId id) {
        return Optional.ofNullable(jobs.get(id))
                .map(held -> new JobLease(id, held.holder(), held.until(), cancelRequested.contains(id)));
    }

    /** Whether {@code holder} may adopt the job at {@code now}; {@code unleased} answers for a job never leased. */
    boolean adoptable(JobId id, String holder, Instant now, boolean unleased) {
        Held saved = jobs.get(id);
        return saved == null ? unleased : saved.claimableBy(holder, now);
    }

    void requestCancel(JobId id) {
        cancelRequested.add(id);
    }

    boolean claimTask(String task, String holder, Instant now, Instant until) {
        return claim(tasks, task, holder, now, until);
    }

    void releaseTask(String task, String holder) {
        release(tasks, task, holder);
    }

    /** Forgets the leases of jobs that are gone. */
    void retainJobs(Set<JobId> kept) {
        jobs.keySet().retainAll(kept);
        cancelRequested.retainAll(kept);
    }

    private static <K> boolean claim(Map<K, Held> leases, K key, String holder, Instant now, Instant until) {
        Held saved = leases.get(key);
        if (saved != null && !saved.claimableBy(holder, now)) {
            return false;
        }
        leases.put(key, new Held(holder, until));
        return true;
    }

    private static <K> void release(Map<K, Held> leases, K key, String holder) {
        Held saved = leases.get(key);
        if (saved != null && saved.holder().equals(holder)) {
            leases.put(key, new Held(holder, Instant.MIN));
        }
    }
}
