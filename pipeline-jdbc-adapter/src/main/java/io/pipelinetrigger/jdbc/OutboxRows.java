package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The webhook outbox as rows of {@code webhook_messages} and {@code webhook_attempts} (migration V8). */
final class OutboxRows {

    private static final int ERROR_LENGTH = 1024;

    private static final String INSERT_MESSAGE = "INSERT INTO webhook_messages (event_id, endpoint, job_id,"
            + " event_type, body_utf8, created_at_nanos, next_attempt_nanos) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MESSAGE_COLUMNS = "m.event_id, m.endpoint, m.job_id, m.event_type, m.body_utf8,"
            + " m.created_at_nanos, m.next_attempt_nanos";
    private static final String DUE = "SELECT " + MESSAGE_COLUMNS + " FROM webhook_messages m"
            + " WHERE m.next_attempt_nanos <= ? ORDER BY m.next_attempt_nanos, m.created_at_nanos";
    private static final String OF_JOB = "SELECT " + MESSAGE_COLUMNS + " FROM webhook_messages m"
            + " WHERE m.job_id = ? ORDER BY m.created_at_nanos, m.event_id, m.endpoint";
    private static final String ATTEMPTS = "SELECT number, at_nanos, status_code, error FROM webhook_attempts"
            + " WHERE event_id = ? AND endpoint = ? ORDER BY number";
    private static final String INSERT_ATTEMPT = "INSERT INTO webhook_attempts (event_id, endpoint, number, at_nanos,"
            + " status_code, error) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SET_NEXT = "UPDATE webhook_messages SET next_attempt_nanos = ?"
            + " WHERE event_id = ? AND endpoint = ?";

    private static final String DELETE_SETTLED_OF_JOB = "DELETE FROM webhook_messages"
            + " WHERE job_id = ? AND next_attempt_nanos IS NULL";
    private static final String DELETE_IF_JOB_GONE = "DELETE FROM webhook_messages WHERE event_id = ? AND endpoint = ?"
            + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = webhook_messages.job_id)";

    private OutboxRows() {
    }

    /**
     * Removes the settled messages of jobs that retention removed (their attempts go by the foreign key); a message
     * still owed stays until it is settled (docs/webhooks.md, "How long deliveries are kept").
     */
    static void deleteSettledOf(Connection connection, List<JobId> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_SETTLED_OF_JOB)) {
            for (JobId job : jobs) {
                delete.setString(1, job.value());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    static void insert(Connection connection, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
            for (OutboxMessage message : messages) {
                insert.setString(1, message.eventId());
                insert.setString(2, message.endpoint().toString());
                insert.setString(3, message.jobId().value());
                insert.setString(4, message.eventType());
                insert.setBytes(5, message.body().getBytes(StandardCharsets.UTF_8));
                insert.setLong(6, EpochNanos.of(message.createdAt()));
                insert.setLong(7, EpochNanos.of(message.createdAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static List<Delivery> due(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DUE)) {
            select.setLong(1, EpochNanos.clamped(now));
            select.setMaxRows(limit);
            return withAttempts(connection, select);
        }
    }

    static List<Delivery> ofJob(Connection connection, JobId jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(OF_JOB)) {
            select.setString(1, jobId.value());
            return withAttempts(connection, select);
        }
    }

    static void recordAttempt(Connection connection, OutboxMessage message, DeliveryAttempt attempt,
                              Optional<Instant> next) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT)) {
            insert.setString(1, message.eventId());
            insert.setString(2, message.endpoint().toString());
            insert.setInt(3, attempt.number());
            insert.setLong(4, EpochNanos.of(attempt.at()));
            if (attempt.statusCode().isPresent()) {
                insert.setInt(5, attempt.statusCode().getAsInt());
            } else {
                insert.setNull(5, Types.INTEGER);
            }
            insert.setString(6, attempt.error().map(OutboxRows::shortened).orElse(null));
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(SET_NEXT)) {
            if (next.isPresent()) {
                update.setLong(1, EpochNanos.of(next.get()));
            } else {
                update.setNull(1, Types.BIGINT);
            }
            update.setString(2, message.eventId());
            update.setString(3, message.endpoint().toString());
            if (update.executeUpdate() != 1) {
                throw new IllegalArgumentException("no message " + message.eventId() + " to " + message.endpoint());
            }
        }
        if (next.isEmpty()) {
            deleteIfJobGone(connection, message);
        }
    }

    /** A message settled after retention removed its job has nobody left to show it to. */
    private static void deleteIfJobGone(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_IF_JOB_GONE)) {
            delete.setString(1, message.eventId());
            delete.setString(2, message.endpoint().toString());
            delete.executeUpdate();
        }
    }

    private static String shortened(String error) {
        return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH - 1) + "…";
    }

    private static List<Delivery> withAttempts(Connection connection, PreparedStatement select) throws SQLException {
        Map<OutboxMessage, Optional<Instant>> messages = new LinkedHashMap<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                OutboxMessage message = new OutboxMessage(rows.getString(1), JobId.of(rows.getString(3)),
                        rows.getString(4), URI.create(rows.getString(2)),
                        new String(rows.getBytes(5), StandardCharsets.UTF_8), EpochNanos.toInstant(rows.getLong(6)));
                long next = rows.getLong(7);
                messages.put(message, rows.wasNull() ? Optional.empty() : Optional.of(EpochNanos.toInstant(next)));
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<OutboxMessage, Optional<Instant>> entry : messages.entrySet()) {
            deliveries.add(new Delivery(entry.getKey(), attempts(connection, entry.getKey()), entry.getValue()));
        }
        return deliveries;
    }

    private static List<DeliveryAttempt> attempts(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ATTEMPTS)) {
            select.setString(1, message.eventId());
            select.setString(2, message.endpoint().toString());
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int status = rows.getInt(3);
                    OptionalInt statusCode = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                    attempts.add(new DeliveryAttempt(rows.getInt(1), EpochNanos.toInstant(rows.getLong(2)),
                            statusCode, Optional.ofNullable(rows.getString(4))));
                }
            }
            return attempts;
        }
    }
}
