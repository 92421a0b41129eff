package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The generalised restart recovery of replicas on one store (docs/operations.md, "Replicas"): at start-up and
 * then every heartbeat, each running job whose lease ran out (its replica died or was cut off), that this replica
 * held before a restart, or that nobody leased in time, is claimed; the one replica that wins the claim recovers
 * it exactly as a restart does: it reattaches to the step's saved container (never starting it again), or ends
 * the job failed with the runner's reason when the step cannot be found.
 */
final class Adoption {

    private static final System.Logger LOG = System.getLogger(Adoption.class.getName());

    private final JobRepository store;
    private final LeaseSettings replica;
    private final InstantSource clock;
    private final LeaseKeeper leases;
    private final JobRecovery recovery;

    Adoption(JobRepository store, LeaseSettings replica, InstantSource clock, LeaseKeeper leases,
             JobRecovery recovery) {
        this.store = store;
        this.replica = replica;
        this.clock = clock;
        this.leases = leases;
        this.recovery = recovery;
    }

    /** @return how many jobs this replica adopted now */
    int adoptWhatIsLeft() {
        Instant now = clock.instant();
        int adopted = 0;
        for (JobId id : store.findAdoptable(now, replica.replicaId(), now.minus(replica.lease()))) {
            Optional<String> holder = store.findLease(id).map(lease -> lease.holder());
            // read after the claim: whatever the last holder saved before its lease ran out is in it
            boolean won = leases.startLeased(id, () -> store.findById(id)
                    .filter(job -> job.status() == JobStatus.RUNNING)
                    .ifPresent(recovery::recover));
            if (won) {
                adopted++;
                LOG.log(System.Logger.Level.INFO, "job " + id + ": adopted by replica " + replica.replicaId() + " ("
                        + holder.map(this::whyFree).orElse("nobody had leased it") + ")");
            }
        }
        return adopted;
    }

    private String whyFree(String holder) {
        return holder.equals(replica.replicaId()) ? "this replica held it before it restarted"
                : "the lease of replica " + holder + " ran out";
    }
}
