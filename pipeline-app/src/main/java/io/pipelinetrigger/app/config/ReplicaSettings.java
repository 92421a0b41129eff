package io.pipelinetrigger.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This server among the replicas of one deployment (docs/operations.md, "Replicas"): its id, in the start-up log,
 * in the health answer's detail, and the name it holds the store's leases under, so it must differ between the
 * replicas running at one time. The default, {@code <host name>-<pid>}, does on any set of hosts or containers.
 *
 * @param id 1 to 63 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit
 */
public record ReplicaSettings(String id) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final String ALLOWED = "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public ReplicaSettings {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a replica id must be " + ALLOWED);
        }
    }

    static ReplicaSettings read(Variables variables) {
        return variables.parsed(Variables.PIPELINE_REPLICA_ID, ALLOWED, ReplicaSettings::new)
                .orElseGet(() -> new ReplicaSettings(defaultId(variables.text("HOSTNAME"), ProcessHandle.current().pid())));
    }

    /** {@code <host name>-<pid>}: the host name as the environment gives it (Docker sets it), else as Java finds it. */
    static String defaultId(Optional<String> hostName, long pid) {
        String host = hostName.or(ReplicaSettings::localHostName).orElse("replica");
        String suffix = "-" + pid;
        String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (cleaned.isEmpty()) {
            cleaned = "replica";
        }
        return cleaned.substring(0, Math.min(cleaned.length(), 63 - suffix.length())) + suffix;
    }

    private static Optional<String> localHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
