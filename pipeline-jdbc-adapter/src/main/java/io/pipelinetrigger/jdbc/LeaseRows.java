package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.JobLease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leases of V11: of a running job (columns of {@code jobs}) and of a background task ({@code task_leases}).
 * Each claim is one conditional UPDATE, so the database decides between replicas that claim at once: the losers'
 * UPDATE finds the row already changed and matches nothing.
 */
final class LeaseRows {

    private static final String CLAIM_JOB = "UPDATE jobs SET lease_holder = ?, lease_expires_nanos = ? WHERE id = ?"
            + " AND status = 'running' AND (lease_holder IS NULL OR lease_holder = ? OR lease_expires_nanos <= ?)";
    private static final String RENEW_JOB = "UPDATE jobs SET lease_expires_nanos = ? WHERE id = ?"
            + " AND status = 'running' AND lease_holder = ?";
    private static final String RELEASE_JOB = "UPDATE jobs SET lease_expires_nanos = ? WHERE id = ? AND lease_holder = ?";
    private static final String FIND_JOB = "SELECT lease_holder, lease_expires_nanos, cancel_requested FROM jobs"
            + " WHERE id = ? AND lease_holder IS NOT NULL";
    private static final String ADOPTABLE = "SELECT id FROM jobs WHERE status = 'running' AND (lease_expires_nanos <= ?"
            + " OR lease_holder = ? OR (lease_holder IS NULL AND created_at_nanos < ?)) ORDER BY created_at_nanos, id";
    private static final String REQUEST_CANCEL = "UPDATE jobs SET cancel_requested = TRUE WHERE id = ?"
            + " AND status = 'running'";

    private static final String CLAIM_TASK = "UPDATE task_leases SET holder = ?, expires_nanos = ? WHERE task = ?"
            + " AND (holder = ? OR expires_nanos <= ?)";
    private static final String TASK_EXISTS = "SELECT 1 FROM task_leases WHERE task = ?";
    private static final String INSERT_TASK = "INSERT INTO task_leases (task, holder, expires_nanos) VALUES (?, ?, ?)";
    private static final String RELEASE_TASK = "DELETE FROM task_leases WHERE task = ? AND holder = ?";

    private LeaseRows() {
    }

    static boolean claimJob(Connection connection, JobId id, String holder, Instant now, Instant until)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_JOB)) {
            claim.setString(1, holder);
            claim.setLong(2, EpochNanos.clamped(until));
            claim.setString(3, id.value());
            claim.setString(4, holder);
            claim.setLong(5, EpochNanos.clamped(now));
            return claim.executeUpdate() == 1;
        }
    }

    static Optional<JobLease> renewJob(Connection connection, JobId id, String holder, Instant until)
            throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement(RENEW_JOB)) {
            renew.setLong(1, EpochNanos.clamped(until));
            renew.setString(2, id.value());
            renew.setString(3, holder);
            if (renew.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return findJob(connection, id);
    }

    static void releaseJob(Connection connection, JobId id, String holder) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(RELEASE_JOB)) {
            release.setLong(1, Long.MIN_VALUE);
            release.setString(2, id.value());
            release.setString(3, holder);
            release.executeUpdate();
        }
    }

    static Optional<JobLease> findJob(Connection connection, JobId id) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_JOB)) {
            find.setString(1, id.value());
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new JobLease(id, rows.getString(1), EpochNanos.toInstant(rows.getLong(2)),
                        rows.getBoolean(3)));
            }
        }
    }

    static List<JobId> adoptable(Connection connection, Instant now, String holder, Instant unleasedBefore)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ADOPTABLE)) {
            select.setLong(1, EpochNanos.clamped(now));
            select.setString(2, holder);
            select.setLong(3, EpochNanos.clamped(unleasedBefore));
            List<JobId> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(JobId.of(rows.getString(1)));
                }
            }
            return ids;
        }
    }

    static boolean requestCancel(Connection connection, JobId id) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(REQUEST_CANCEL)) {
            mark.setString(1, id.value());
            return mark.executeUpdate() == 1;
        }
    }

    /** Takes the task's row over when it ran out, or adds it when there is none (a racing insert loses on the key). */
    static boolean claimTask(Connection connection, String task, String holder, Instant now, Instant until)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_TASK)) {
            claim.setString(1, holder);
            claim.setLong(2, EpochNanos.clamped(until));
            claim.setString(3, task);
            claim.setString(4, holder);
            claim.setLong(5, EpochNanos.clamped(now));
            if (claim.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement exists = connection.prepareStatement(TASK_EXISTS)) {
            exists.setString(1, task);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false; // held by another replica, still in time
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TASK)) {
            insert.setString(1, task);
            insert.setString(2, holder);
            insert.setLong(3, EpochNanos.clamped(until));
            return insert.executeUpdate() == 1;
        }
    }

    static void releaseTask(Connection connection, String task, String holder) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(RELEASE_TASK)) {
            release.setString(1, task);
            release.setString(2, holder);
            release.executeUpdate();
        }
    }
}
