package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.application.LeaseSettings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The leases of this server as one replica of several (docs/operations.md, "Replicas"): held under its replica id
 * ({@link ReplicaSettings}), lasting {@code PIPELINE_LEASE_DURATION}, renewed every {@code PIPELINE_HEARTBEAT_INTERVAL}.
 * Leases are kept only on a store that several servers can share, one that {@code PIPELINE_DB_URL} names: the
 * embedded H2 file opens for one process only, so a server on it runs as before.
 *
 * @param leases the lease settings, when the store is shared
 */
public record LeaseConfig(Optional<LeaseSettings> leases) {

    public LeaseConfig {
        Objects.requireNonNull(leases, "leases");
    }

    static LeaseConfig read(Variables variables, StoreSettings store, ReplicaSettings replica) {
        Duration lease = variables.duration(Variables.PIPELINE_LEASE_DURATION, LeaseSettings.DEFAULT_LEASE);
        Duration heartbeat = variables.duration(Variables.PIPELINE_HEARTBEAT_INTERVAL, LeaseSettings.DEFAULT_HEARTBEAT);
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new ConfigException(Variables.PIPELINE_LEASE_DURATION + " must be at least twice "
                    + Variables.PIPELINE_HEARTBEAT_INTERVAL + " (so that one missed renewal does not lose a lease), got "
                    + lease + " and " + heartbeat + ".");
        }
        return new LeaseConfig(store.embedded() ? Optional.empty()
                : Optional.of(new LeaseSettings(replica.id(), lease, heartbeat)));
    }
}
