package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** The statements of {@code job_log_chunks} (V10); every one walks its primary key (job, step, offset). */
final class LogChunkRows {

    private static final String INSERT =
            "INSERT INTO job_log_chunks (job_id, step, byte_offset, byte_count, bytes) VALUES (?, ?, ?, ?, ?)";
    static final String LAST_ROW = "SELECT byte_offset, byte_count FROM job_log_chunks"
            + " WHERE job_id = ? AND step = ? ORDER BY byte_offset DESC LIMIT 1";
    /** The row holding {@code from} (the last one beginning at or before it), then every row before {@code to}. */
    static final String RANGE = "SELECT byte_offset, bytes FROM job_log_chunks WHERE job_id = ? AND step = ?"
            + " AND byte_offset >= COALESCE((SELECT MAX(byte_offset) FROM job_log_chunks"
            + " WHERE job_id = ? AND step = ? AND byte_offset <= ?), 0)"
            + " AND byte_offset < ? ORDER BY byte_offset";
    private static final String DELETE = "DELETE FROM job_log_chunks WHERE job_id = ?";

    private LogChunkRows() {
    }

    static Void insert(Connection connection, JobId job, StepName step, long offset, byte[] bytes, int count)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, job.value());
            insert.setString(2, step.wireName());
            insert.setLong(3, offset);
            insert.setInt(4, count);
            insert.setBytes(5, count == bytes.length ? bytes : Arrays.copyOf(bytes, count));
            insert.executeUpdate();
        }
        return null;
    }

    /** Where the step's kept output ends: its size. */
    static long end(Connection connection, JobId job, StepName step) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LAST_ROW)) {
            query.setString(1, job.value());
            query.setString(2, step.wireName());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) + row.getInt(2) : 0;
            }
        }
    }

    /** Up to {@code limit} bytes from {@code from}; fewer where what is kept ends. */
    static byte[] read(Connection connection, JobId job, StepName step, long from, int limit) throws SQLException {
        long to = from + limit;
        byte[] out = new byte[limit];
        int filled = 0;
        try (PreparedStatement query = connection.prepareStatement(RANGE)) {
            query.setString(1, job.value());
            query.setString(2, step.wireName());
            query.setString(3, job.value());
            query.setString(4, step.wireName());
            query.setLong(5, from);
            query.setLong(6, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long start = rows.getLong(1);
                    byte[] bytes = rows.getBytes(2);
                    if (start != from + filled && !(start < from && filled == 0)) {
                        break; // a gap (an insert that failed): what follows it is not where the offset says
                    }
                    long skip = Math.max(0, from - start);
                    if (skip >= bytes.length) {
                        break; // the offset lies past what is kept
                    }
                    int taken = (int) Math.min(bytes.length - skip, limit - filled);
                    System.arraycopy(bytes, (int) skip, out, filled, taken);
                    filled += taken;
                }
            }
        }
        return filled == limit ? out : Arrays.copyOf(out, filled);
    }

    static Void delete(Connection connection, JobId job) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, job.value());
            delete.executeUpdate();
        }
        return null;
    }
}
