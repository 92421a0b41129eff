package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.application.ReplicaSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * This server as one replica of several (docs/operations.md, "Replicas"): {@code PIPELINE_REPLICA_ID} (its name in
 * the store's leases, the host name by default), {@code PIPELINE_LEASE_DURATION} and
 * {@code PIPELINE_HEARTBEAT_INTERVAL}. Leases are kept only on a store that several servers can share, one that
 * {@code PIPELINE_DB_URL} names: the embedded H2 file opens for one process only, so a server on it runs as before.
 *
 * @param replica the lease settings, when the store is shared
 */
public record ReplicaConfig(String replicaId, Optional<ReplicaSettings> replica) {

    public ReplicaConfig {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(replica, "replica");
    }

    static ReplicaConfig read(Variables variables, StoreSettings store) {
        String id = variables.text(Variables.PIPELINE_REPLICA_ID).orElseGet(ReplicaConfig::hostName);
        if (id.length() > 128 || !id.matches("[A-Za-z0-9._:-]+")) {
            throw new ConfigException(Variables.PIPELINE_REPLICA_ID + " must be 1 to 128 letters, digits or . _ : -,"
                    + " got \"" + id + "\".");
        }
        Duration lease = variables.duration(Variables.PIPELINE_LEASE_DURATION, ReplicaSettings.DEFAULT_LEASE);
        Duration heartbeat = variables.duration(Variables.PIPELINE_HEARTBEAT_INTERVAL, ReplicaSettings.DEFAULT_HEARTBEAT);
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new ConfigException(Variables.PIPELINE_LEASE_DURATION + " must be at least twice "
                    + Variables.PIPELINE_HEARTBEAT_INTERVAL + " (so that one missed renewal does not lose a lease), got "
                    + lease + " and " + heartbeat + ".");
        }
        Optional<ReplicaSettings> replica = store.embedded() ? Optional.empty()
                : Optional.of(new ReplicaSettings(id, lease, heartbeat));
        return new ReplicaConfig(id, replica);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9._:-]{1,128}") ? name : "replica";
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
