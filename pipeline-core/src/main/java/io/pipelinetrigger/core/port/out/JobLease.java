package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Instant;
import java.util.Objects;

/**
 * Who executes a running job, and until when, as the store has it (docs/operations.md, "Replicas"): the replica
 * named {@code holder} may act on the job until {@code expiresAt}; after that any replica may adopt it.
 *
 * @param cancelRequested a cancel reached another replica, which left it here for the holder to carry out
 */
public record JobLease(JobId jobId, String holder, Instant expiresAt, boolean cancelRequested) {

    public JobLease {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (holder.isBlank()) {
            throw new IllegalArgumentException("a lease holder needs a name");
        }
    }

    /** Whether the lease still stands at {@code now}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
