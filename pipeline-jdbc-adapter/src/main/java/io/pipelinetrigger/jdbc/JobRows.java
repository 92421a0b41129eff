package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Step;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Writes a job and its steps as rows of {@code jobs} and {@code job_steps}. */
final class JobRows {

    /** Every column of {@code jobs} a job sets, in binding order; {@code id} is bound last. */
    private static final List<String> JOB_COLUMNS = List.of("pipeline", "dbt_command", "enable_openlineage",
            "enable_elementary", "step_timeout", "idempotency_key", "request_fingerprint", "status", "active_slot",
            "created_at_nanos", "started_at_nanos", "finished_at_nanos", "exit_code", "error_utf8", "outcome", "triggered_by", "output_utf8");

    private static final String INSERT_JOB = "INSERT INTO jobs (" + String.join(", ", JOB_COLUMNS)
            + ", id) VALUES (" + "?, ".repeat(JOB_COLUMNS.size()) + "?)";

    private static final String UPDATE_JOB = "UPDATE jobs SET "
            + JOB_COLUMNS.stream().map(c -> c + " = ?").collect(Collectors.joining(", ")) + " WHERE id = ? AND ";
    /** The compare-and-set that makes a job end exactly once: a terminal row is never written again. */
    private static final String UPDATE_ACTIVE_JOB = UPDATE_JOB + "status IN ('running', 'queued')";
    /** A queued job starts once; jobs_one_active refuses it while another job runs. */
    private static final String UPDATE_QUEUED_JOB = UPDATE_JOB + "status = 'queued'";

    private static final String EXISTS = "SELECT 1 FROM jobs WHERE id = ?";
    private static final String UPDATE_STEP = "UPDATE job_steps SET status = ?, exit_code = ?, started_at_nanos = ?,"
            + " finished_at_nanos = ?, runner_id = ?, skip_reason = ? WHERE job_id = ? AND ordinal = ?";
    private static final String UPDATE_RUNNING_OUTPUT =
            "UPDATE jobs SET output_utf8 = ? WHERE id = ? AND status = 'running'";
    /**
     * The fence of a replica's writes (V11): a running job leased to another replica is not written, so a replica
     * that lost the lease never writes over its adopter.
     */
    private static final String HELD_BY_WRITER = " AND (lease_holder IS NULL OR lease_holder = ?)";
    private static final String INSERT_STEP = "INSERT INTO job_steps (job_id, ordinal, name, status, exit_code,"
            + " started_at_nanos, finished_at_nanos, runner_id, skip_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The value of {@code active_slot} while a job runs; the unique constraint admits it once. */
    private static final int ACTIVE = 1;

    private JobRows() {
    }

    static void insert(Connection connection, Job job) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_JOB)) {
            int next = bindJobColumns(insert, job);
            insert.setString(next, job.id().value());
            insert.executeUpdate();
        }
        insertSteps(connection, job);
    }

    /**
     * @param writer the replica writing, if the store is shared: a job leased to another one is not written
     * @return false when the saved job has already ended (or is another replica's), so nothing was written
     */
    static boolean updateWhileRunning(Connection connection, Job job, Optional<String> writer) throws SQLException {
        return updateWhere(connection, job, UPDATE_ACTIVE_JOB + (writer.isPresent() ? HELD_BY_WRITER : ""), writer);
    }

    /** @return false when the saved job is no longer queued; a unique violation when another job runs */
    static boolean updateWhileQueued(Connection connection, Job job) throws SQLException {
        return updateWhere(connection, job, UPDATE_QUEUED_JOB, Optional.empty());
    }

    private static boolean updateWhere(Connection connection, Job job, String sql, Optional<String> writer)
            throws SQLException {
        int updated;
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int next = bindJobColumns(update, job);
            update.setString(next, job.id().value());
            if (writer.isPresent()) {
                update.setString(next + 1, writer.get());
            }
            updated = update.executeUpdate();
        }
        if (updated == 0) {
            return false;
        }
        updateSteps(connection, job);
        return true;
    }

    /** Only the output of a running job: what the periodic save changes. @return false when it has ended */
    static boolean updateOutputWhileRunning(Connection connection, JobId id, String output, Optional<String> writer)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_RUNNING_OUTPUT
                + (writer.isPresent() ? HELD_BY_WRITER : ""))) {
            setText(update, 1, Optional.of(output));
            update.setString(2, id.value());
            if (writer.isPresent()) {
                update.setString(3, writer.get());
            }
            return update.executeUpdate() == 1;
        }
    }

    static boolean exists(Connection connection, JobId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EXISTS)) {
            select.setString(1, id.value());
            try (var rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** One statement: the delete answers the ids it removed, so nothing is read first. */
    static List<JobId> deleteFinishedBefore(Connection connection, SqlDialect dialect, Instant cutoff)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(dialect.deleteFinishedBeforeReturningIds())) {
            delete.setLong(1, EpochNanos.clamped(cutoff));
            List<JobId> removed = new ArrayList<>();
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    removed.add(JobId.of(rows.getString(1)));
                }
            }
            return removed;
        }
    }

    private static int bindJobColumns(PreparedStatement statement, Job job) throws SQLException {
        int i = 1;
        statement.setString(i++, job.spec().pipeline().wireName());
        setString(statement, i++, job.spec().command().map(DbtCommand::wireName));
        statement.setBoolean(i++, job.spec().flags().enableOpenlineage());
        statement.setBoolean(i++, job.spec().flags().enableElementary());
        setString(statement, i++, job.spec().stepTimeout().map(Duration::toString));
        setString(statement, i++, job.idempotencyKey().map(IdempotencyKey::key));
        setString(statement, i++, job.idempotencyKey().map(IdempotencyKey::requestFingerprint));
        statement.setString(i++, job.status().wireName());
        setInt(statement, i++, job.status() == JobStatus.RUNNING ? OptionalInt.of(ACTIVE) : OptionalInt.empty());
        statement.setLong(i++, EpochNanos.of(job.createdAt()));
        setInstant(statement, i++, job.startedAt());
        setInstant(statement, i++, job.finishedAt());
        setInt(statement, i++, job.exitCode());
        setText(statement, i++, job.error());
        setString(statement, i++, job.outcome().map(Outcome::wireName));
        statement.setString(i++, job.trigger().wireName());
        setText(statement, i++, Optional.of(job.output()));
        return i;
    }

    /** A job's steps are all inserted with it; later saves change their rows in place, never delete them. */
    private static void updateSteps(Connection connection, Job job) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_STEP)) {
            for (int ordinal = 0; ordinal < job.steps().size(); ordinal++) {
                Step step = job.steps().get(ordinal);
                update.setString(1, step.status().wireName());
                setInt(update, 2, step.exitCode());
                setInstant(update, 3, step.startedAt());
                setInstant(update, 4, step.finishedAt());
                setString(update, 5, step.runnerId());
                setString(update, 6, step.skipReason());
                update.setString(7, job.id().value());
                update.setInt(8, ordinal);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void insertSteps(Connection connection, Job job) throws SQLException {
        if (job.steps().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
            for (int ordinal = 0; ordinal < job.steps().size(); ordinal++) {
                Step step = job.steps().get(ordinal);
                insert.setString(1, job.id().value());
                insert.setInt(2, ordinal);
                insert.setString(3, step.name().wireName());
                insert.setString(4, step.status().wireName());
                setInt(insert, 5, step.exitCode());
                setInstant(insert, 6, step.startedAt());
                setInstant(insert, 7, step.finishedAt());
                setString(insert, 8, step.runnerId());
                setString(insert, 9, step.skipReason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    /** UTF-8 bytes: PostgreSQL's text type cannot hold U+0000, which a step's output may contain. */
    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setBytes(index, value.get().getBytes(StandardCharsets.UTF_8));
        } else {
            statement.setNull(index, Types.VARBINARY);
        }
    }

    private static void setInt(PreparedStatement statement, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, EpochNanos.of(value.get()));
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
