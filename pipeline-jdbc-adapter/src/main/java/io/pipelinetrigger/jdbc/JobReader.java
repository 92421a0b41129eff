package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.domain.Trigger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads jobs with their steps. One joined statement per read, so a job and its steps come from the same
 * committed state even while another connection rewrites them.
 */
final class JobReader {

    /** Which jobs a read wants: the condition and how many string parameters it takes. */
    enum Selection {
        BY_ID("j.id = ?"),
        BY_IDEMPOTENCY_KEY("j.idempotency_key = ?"),
        ACTIVE("j.active_slot = 1"),
        QUEUED("j.status = 'queued'"),
        ALL("1 = 1");

        private final String sql;

        Selection(String condition) {
            this.sql = String.format(Locale.ROOT, SELECT, condition);
        }
    }

    /** The columns of {@code jobs} a job is read from, but for its output. */
    static final String JOB_COLUMNS = "id, pipeline, dbt_command, enable_openlineage, enable_elementary, step_timeout,"
            + " idempotency_key, request_fingerprint, status, created_at_nanos, started_at_nanos, finished_at_nanos,"
            + " exit_code, error_utf8, outcome, triggered_by";

    /** What every read selects from the steps joined as {@code s}. */
    static final String STEP_COLUMNS = "s.ordinal AS step_ordinal, s.name AS step_name, s.status AS step_status, s.exit_code AS step_exit_code,"
            + " s.started_at_nanos AS step_started_at_nanos, s.finished_at_nanos AS step_finished_at_nanos,"
            + " s.runner_id AS step_runner_id, s.skip_reason AS step_skip_reason";

    private static final String SELECT = "SELECT j." + JOB_COLUMNS.replace(", ", ", j.") + ", j.output_utf8, "
            + STEP_COLUMNS + " FROM jobs j LEFT JOIN job_steps s ON s.job_id = j.id WHERE %s ORDER BY j.id, s.ordinal";

    /**
     * Every read selects {@link #JOB_COLUMNS}, {@code output_utf8} and {@link #STEP_COLUMNS} in this order, so a
     * column is read by its index: H2 looks a name up by upper-casing it at every call (docs/performance.md).
     */
    private static final List<String> COLUMNS = columns();
    private static final int ID = column("id");
    private static final int PIPELINE = column("pipeline");
    private static final int DBT_COMMAND = column("dbt_command");
    private static final int ENABLE_OPENLINEAGE = column("enable_openlineage");
    private static final int ENABLE_ELEMENTARY = column("enable_elementary");
    private static final int STEP_TIMEOUT = column("step_timeout");
    private static final int IDEMPOTENCY_KEY = column("idempotency_key");
    private static final int REQUEST_FINGERPRINT = column("request_fingerprint");
    private static final int STATUS = column("status");
    private static final int CREATED_AT = column("created_at_nanos");
    private static final int STARTED_AT = column("started_at_nanos");
    private static final int FINISHED_AT = column("finished_at_nanos");
    private static final int EXIT_CODE = column("exit_code");
    private static final int ERROR = column("error_utf8");
    private static final int OUTCOME = column("outcome");
    private static final int TRIGGERED_BY = column("triggered_by");
    private static final int OUTPUT = column("output_utf8");
    private static final int STEP_NAME = column("step_name");
    private static final int STEP_STATUS = column("step_status");
    private static final int STEP_EXIT_CODE = column("step_exit_code");
    private static final int STEP_STARTED_AT = column("step_started_at_nanos");
    private static final int STEP_FINISHED_AT = column("step_finished_at_nanos");
    private static final int STEP_RUNNER_ID = column("step_runner_id");
    private static final int STEP_SKIP_REASON = column("step_skip_reason");

    private JobReader() {
    }

    /** The column labels of every read, in order: a step column by its alias. */
    private static List<String> columns() {
        List<String> labels = new ArrayList<>(List.of(JOB_COLUMNS.split(", ")));
        labels.add("output_utf8");
        for (String step : STEP_COLUMNS.split(", ")) {
            labels.add(step.substring(step.indexOf(" AS ") + " AS ".length()));
        }
        return List.copyOf(labels);
    }

    /** A column's index (1-based, as JDBC counts) among {@link #COLUMNS}. */
    static int column(String label) {
        int index = COLUMNS.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + label + " in " + COLUMNS);
        }
        return index + 1;
    }

    /** The selected jobs, in no particular order. */
    static List<Job> select(Connection connection, Selection selection, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selection.sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return read(rows);
            }
        }
    }

    /** Jobs from rows of {@link #JOB_COLUMNS}, {@code output_utf8} and {@link #STEP_COLUMNS}, in row order. */
    static List<Job> read(ResultSet rows) throws SQLException {
        Map<String, Job> jobs = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        while (rows.next()) {
            String id = rows.getString(ID);
            if (!jobs.containsKey(id)) {
                jobs.put(id, job(rows));
                steps.put(id, new ArrayList<>());
            }
            if (rows.getString(STEP_NAME) != null) {
                steps.get(id).add(step(rows));
            }
        }
        List<Job> result = new ArrayList<>(jobs.size());
        jobs.forEach((id, job) -> result.add(new Job(job.id(), job.spec(), job.idempotencyKey(), job.status(),
                steps.get(id), job.createdAt(), job.startedAt(), job.finishedAt(), job.exitCode(), job.error(),
                job.outcome(), job.trigger(), job.output())));
        return result;
    }

    /** The job's own columns, its steps still to be added. */
    private static Job job(ResultSet rows) throws SQLException {
        Pipeline pipeline = enumOf(Pipeline.class, rows, PIPELINE, "pipeline");
        Optional<DbtCommand> command = Optional.ofNullable(rows.getString(DBT_COMMAND))
                .map(value -> enumOf(DbtCommand.class, value, "dbt_command"));
        FeatureFlags flags = new FeatureFlags(rows.getBoolean(ENABLE_OPENLINEAGE), rows.getBoolean(ENABLE_ELEMENTARY));
        Optional<Duration> stepTimeout = Optional.ofNullable(rows.getString(STEP_TIMEOUT)).map(Duration::parse);
        String key = rows.getString(IDEMPOTENCY_KEY);
        Optional<IdempotencyKey> idempotencyKey = key == null ? Optional.empty()
                : Optional.of(new IdempotencyKey(key, rows.getString(REQUEST_FINGERPRINT)));
        return new Job(JobId.of(rows.getString(ID)), new JobSpec(pipeline, command, flags, stepTimeout),
                idempotencyKey, enumOf(JobStatus.class, rows, STATUS, "status"), List.of(),
                EpochNanos.toInstant(rows.getLong(CREATED_AT)), instant(rows, STARTED_AT),
                instant(rows, FINISHED_AT), integer(rows, EXIT_CODE), text(rows, ERROR),
                Optional.ofNullable(rows.getString(OUTCOME)).map(value -> enumOf(Outcome.class, value, "outcome")),
                trigger(rows.getString(TRIGGERED_BY)), text(rows, OUTPUT).orElse(""));
    }

    private static Trigger trigger(String value) {
        try {
            return new Trigger(value);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Column triggered_by holds \"" + value + "\", which this version does not know.", e);
        }
    }

    private static Step step(ResultSet rows) throws SQLException {
        return new Step(enumOf(StepName.class, rows, STEP_NAME, "step_name"), enumOf(StepStatus.class, rows, STEP_STATUS, "step_status"),
                integer(rows, STEP_EXIT_CODE), instant(rows, STEP_STARTED_AT),
                instant(rows, STEP_FINISHED_AT), Optional.ofNullable(rows.getString(STEP_RUNNER_ID)),
                Optional.ofNullable(rows.getString(STEP_SKIP_REASON)));
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        long nanos = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(EpochNanos.toInstant(nanos));
    }

    private static OptionalInt integer(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Optional<String> text(ResultSet rows, int column) throws SQLException {
        return Optional.ofNullable(rows.getBytes(column)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, ResultSet rows, int index, String column)
            throws SQLException {
        return enumOf(type, rows.getString(index), column);
    }

    /** Our wire names are the constants' names in lower case. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String column) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StoreException("Column " + column + " holds \"" + value + "\", which this version does not know.",
                    e);
        }
    }
}
