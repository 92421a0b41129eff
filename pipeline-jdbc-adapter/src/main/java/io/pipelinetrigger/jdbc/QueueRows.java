package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.jdbc.JobReader.Selection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The queue's rows: queued jobs of {@code jobs} with their deadlines, behind the lock row of V7. */
final class QueueRows {

    private static final Comparator<Job> FIRST_IN_LINE_FIRST =
            Comparator.comparing(Job::createdAt).thenComparing(j -> j.id().value());

    private static final String LOCK = "SELECT id FROM job_queue_lock WHERE id = 1 FOR UPDATE";
    private static final String COUNT = "SELECT COUNT(*) FROM jobs WHERE status = 'queued'";
    private static final String SET_DEADLINE = "UPDATE jobs SET queue_deadline_nanos = ? WHERE id = ?";
    private static final String DEADLINES = "SELECT id, queue_deadline_nanos FROM jobs WHERE status = 'queued'";

    private QueueRows() {
    }

    /** In the caller's transaction: locks the queue, counts it, inserts the job unless the queue is full. */
    static OptionalInt enqueue(Connection connection, QueuedJob queued, int limit) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK); ResultSet locked = lock.executeQuery()) {
            locked.next();
        }
        int waiting;
        try (PreparedStatement count = connection.prepareStatement(COUNT); ResultSet rows = count.executeQuery()) {
            rows.next();
            waiting = rows.getInt(1);
        }
        if (waiting >= limit) {
            return OptionalInt.empty();
        }
        JobRows.insert(connection, queued.job());
        if (queued.deadline().isPresent()) {
            try (PreparedStatement deadline = connection.prepareStatement(SET_DEADLINE)) {
                deadline.setLong(1, EpochNanos.of(queued.deadline().get()));
                deadline.setString(2, queued.job().id().value());
                deadline.executeUpdate();
            }
        }
        return OptionalInt.of(waiting + 1);
    }

    /** The queued jobs, first in line first, read on one connection. */
    static List<QueuedJob> queued(Connection connection) throws SQLException {
        List<Job> jobs = JobReader.select(connection, Selection.QUEUED);
        Map<String, Instant> deadlines = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(DEADLINES); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long nanos = rows.getLong(2);
                if (!rows.wasNull()) {
                    deadlines.put(rows.getString(1), EpochNanos.toInstant(nanos));
                }
            }
        }
        return jobs.stream().sorted(FIRST_IN_LINE_FIRST)
                .map(j -> new QueuedJob(j, Optional.ofNullable(deadlines.get(j.id().value())))).toList();
    }
}
