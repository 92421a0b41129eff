package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the history as one statement: the page's job rows are picked first (filters, the cursor, newest
 * first, a limit) on the indexes of migration V6, then joined with their steps, so its cost follows the page and
 * not the table (docs/performance.md). The cursor is a key, not an offset: rows inserted meanwhile do not move it.
 */
final class JobPageQuery {

    private final JobFilter filter;
    private final Instant finishedNotBefore;
    private final int max;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    JobPageQuery(JobFilter filter, Instant finishedNotBefore, int max) {
        this.filter = filter;
        this.finishedNotBefore = finishedNotBefore;
        this.max = max;
    }

    List<Job> select(Connection connection) throws SQLException {
        String sql = sql();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                return JobReader.read(rows);
            }
        }
    }

    private String sql() {
        conditions.clear();
        parameters.clear();
        where("(finished_at_nanos IS NULL OR finished_at_nanos >= ?)", EpochNanos.clamped(finishedNotBefore));
        filter.status().ifPresent(status -> where("status = ?", status.wireName()));
        filter.pipeline().ifPresent(pipeline -> where("pipeline = ?", pipeline.wireName()));
        filter.outcome().ifPresent(outcome -> where("outcome = ?", outcome.wireName()));
        filter.since().ifPresent(since -> where("created_at_nanos >= ?", EpochNanos.clamped(since)));
        filter.before().ifPresent(this::after);
        parameters.add(max);
        String output = filter.withOutput() ? "output_utf8" : "CAST(NULL AS BYTEA) AS output_utf8";
        return "SELECT j.*, " + JobReader.STEP_COLUMNS
                + " FROM (SELECT " + JobReader.JOB_COLUMNS + ", " + output + " FROM jobs"
                + " WHERE " + String.join(" AND ", conditions)
                + " ORDER BY created_at_nanos DESC, id DESC FETCH FIRST ? ROWS ONLY) j"
                + " LEFT JOIN job_steps s ON s.job_id = j.id"
                + " ORDER BY j.created_at_nanos DESC, j.id DESC, s.ordinal";
    }

    private void after(JobCursor cursor) {
        long createdAt = EpochNanos.clamped(cursor.createdAt());
        where("(created_at_nanos < ? OR (created_at_nanos = ? AND id < ?))", createdAt);
        parameters.add(createdAt);
        parameters.add(cursor.id().value());
    }

    private void where(String condition, Object parameter) {
        conditions.add(condition);
        parameters.add(parameter);
    }
}
