package io.pipelinetrigger.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How this server runs as one replica of several on a shared store (docs/operations.md, "Replicas"): its name in
 * the store's leases, how long a lease lasts without renewal, and how often it is renewed. A replica that dies
 * leaves its running jobs to be adopted once their leases ran out, within {@code lease + heartbeat}.
 */
public record LeaseSettings(String replicaId, Duration lease, Duration heartbeat) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    public LeaseSettings {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (replicaId.isBlank()) {
            throw new IllegalArgumentException("a replica needs a name");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat must be positive, got " + heartbeat);
        }
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("a lease must last at least two heartbeats (so one lost renewal does"
                    + " not lose it), got lease " + lease + " and heartbeat " + heartbeat);
        }
    }
}
