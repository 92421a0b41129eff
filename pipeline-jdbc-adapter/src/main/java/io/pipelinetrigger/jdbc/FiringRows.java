package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.Firing;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.JobId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of {@code schedule_firings} (V9): the latest firing of each schedule, one row per firing at most. */
final class FiringRows {

    /** The column's size; a longer reason (a busy message naming a long request) is cut. */
    private static final int MAX_REASON = 4000;

    private static final String RECORDED = "SELECT 1 FROM schedule_firings WHERE schedule_name = ?"
            + " AND scheduled_for_nanos >= ?";
    private static final String INSERT = "INSERT INTO schedule_firings (schedule_name, scheduled_for_nanos,"
            + " fired_at_nanos, result, job_id, skip_reason) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_OLDER = "DELETE FROM schedule_firings WHERE schedule_name = ?"
            + " AND scheduled_for_nanos < ?";
    private static final String ALL = "SELECT schedule_name, scheduled_for_nanos, fired_at_nanos, result, job_id,"
            + " skip_reason FROM schedule_firings";

    private FiringRows() {
    }

    /**
     * In the caller's transaction: records the firing and removes the older ones of its schedule. A racing insert
     * of the same firing fails on the primary key (a unique violation the caller rolls back).
     *
     * @throws FiringAlreadyRecordedException when this firing or a later one of its schedule is recorded
     */
    static void insert(Connection connection, FiringRecord record) throws SQLException {
        if (isRecorded(connection, record.firing())) {
            throw new FiringAlreadyRecordedException(record.firing());
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, record.firing().schedule());
            insert.setLong(2, EpochNanos.of(record.firing().scheduledFor()));
            insert.setLong(3, EpochNanos.clamped(record.firedAt()));
            insert.setString(4, record.result().wireName());
            if (record.jobId().isPresent()) {
                insert.setString(5, record.jobId().get().value());
            } else {
                insert.setNull(5, Types.VARCHAR);
            }
            if (record.skipReason().isPresent()) {
                String reason = record.skipReason().get();
                insert.setString(6, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason);
            } else {
                insert.setNull(6, Types.VARCHAR);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_OLDER)) {
            delete.setString(1, record.firing().schedule());
            delete.setLong(2, EpochNanos.of(record.firing().scheduledFor()));
            delete.executeUpdate();
        }
    }

    static boolean isRecorded(Connection connection, Firing firing) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RECORDED)) {
            select.setString(1, firing.schedule());
            select.setLong(2, EpochNanos.of(firing.scheduledFor()));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static List<FiringRecord> all(Connection connection) throws SQLException {
        List<FiringRecord> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ALL); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Firing firing = new Firing(rows.getString(1), EpochNanos.toInstant(rows.getLong(2)));
                records.add(new FiringRecord(firing, EpochNanos.toInstant(rows.getLong(3)),
                        FiringRecord.Result.fromWireName(rows.getString(4)),
                        Optional.ofNullable(rows.getString(5)).map(JobId::of), Optional.ofNullable(rows.getString(6))));
            }
        }
        return records;
    }
}
