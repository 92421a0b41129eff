package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.JobLease;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the leases of the jobs this replica executes (docs/operations.md, "Replicas"): a job is started or adopted
 * here only once its lease is won, and every heartbeat renews the lease of each job carried here. A lease that went
 * to another replica, or that could not be renewed before it ran out (the store was out of reach), is lost: the
 * execution lets go of its step (for the adopter to reattach to) and records nothing more. A cancel that reached
 * another replica comes back with the renewal and stops the job here. A replica out of reach of the store claims
 * nothing (a claim is a write), so it takes no new work until the store answers again. Without replica settings
 * (one server on its own store) every start is simply made.
 */
final class LeaseKeeper {

    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final JobRepository store;
    private final Optional<LeaseSettings> replica;
    private final InstantSource clock;
    private final JobExecutions executions;
    /** Until when each job carried here is leased to us, as far as this replica knows. */
    private final Map<JobId, Instant> heldUntil = new ConcurrentHashMap<>();
    private final Set<JobId> cancelsCarriedOut = ConcurrentHashMap.newKeySet();

    LeaseKeeper(JobRepository store, Optional<LeaseSettings> replica, InstantSource clock, JobExecutions executions) {
        this.store = store;
        this.replica = replica;
        this.clock = clock;
        this.executions = executions;
    }

    boolean keepsLeases() {
        return replica.isPresent();
    }

    /**
     * Runs {@code start} (which hands the job to an execution) once the job's lease is won for this replica; one
     * lock with the other starts, so a job is never carried twice here.
     *
     * @return false, with nothing started, when the job is carried here already or another replica holds it
     */
    synchronized boolean startLeased(JobId id, Runnable start) {
        if (executions.find(id).isPresent()) {
            return false;
        }
        if (replica.isPresent()) {
            Instant now = clock.instant();
            Instant until = now.plus(replica.get().lease());
            if (!store.claimLease(id, replica.get().replicaId(), now, until)) {
                return false;
            }
            heldUntil.put(id, until);
        }
        start.run();
        return true;
    }

    /** Renews the lease of every job carried here; lets go of those whose lease is lost. */
    void heartbeat() {
        if (replica.isEmpty()) {
            return;
        }
        heldUntil.keySet().retainAll(executions.ids());
        cancelsCarriedOut.retainAll(executions.ids());
        for (JobId id : executions.ids()) {
            Instant now = clock.instant();
            try {
                Optional<JobLease> lease = store.renewLease(id, replica.get().replicaId(), now.plus(replica.get().lease()));
                if (lease.isEmpty()) {
                    lose(id, "its lease is another replica's now (or the job ended elsewhere)");
                } else {
                    heldUntil.put(id, lease.get().expiresAt());
                    if (lease.get().cancelRequested() && cancelsCarriedOut.add(id)) {
                        LOG.log(System.Logger.Level.INFO, "job " + id + ": a cancel came through the store; stopping it");
                        executions.find(id).ifPresent(execution -> execution.requestStop(StopRequest.cancel()));
                    }
                }
            } catch (RuntimeException unreachable) {
                LOG.log(System.Logger.Level.WARNING, "job " + id + ": its lease could not be renewed: "
                        + unreachable.getMessage());
                Instant after = clock.instant(); // a call to a store out of reach may take its connection timeout
                if (!after.isBefore(heldUntil.getOrDefault(id, after))) {
                    lose(id, "the store was out of reach for longer than the lease");
                }
            }
        }
    }

    /**
     * For a cancel of a running job not carried here: leaves it in the store when another replica holds the job's
     * lease (or held it last: its adopter then carries the cancel out).
     *
     * @return true when left for the holder; false when this replica may record the cancel itself
     */
    boolean leftForItsHolder(JobId id) {
        if (replica.isEmpty()) {
            return false;
        }
        boolean another = store.findLease(id).filter(lease -> !lease.holder().equals(replica.get().replicaId()))
                .isPresent();
        return another && store.requestCancel(id);
    }

    /** Lets go of every lease this replica holds, so that other replicas adopt its jobs at once (a graceful stop). */
    void releaseAll() {
        replica.ifPresent(settings -> heldUntil.keySet().forEach(id -> {
            try {
                store.releaseLease(id, settings.replicaId());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "job " + id + ": its lease could not be released; another replica"
                        + " adopts the job once it runs out: " + e.getMessage());
            }
        }));
        heldUntil.clear();
    }

    private void lose(JobId id, String why) {
        heldUntil.remove(id);
        executions.find(id).filter(JobExecution::detach).ifPresent(execution ->
                LOG.log(System.Logger.Level.WARNING, "job " + id + ": lease lost, " + why
                        + "; stopped acting on it, leaving its step to the replica that adopts it"));
    }
}
