package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Trigger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs saved before outcome and trigger were columns get them from their status, exit code and error. */
class OutcomeBackfillTest {

    @TempDir
    Path dataDir;

    @Test
    void jobs_of_an_older_store_get_the_outcome_their_end_implies_and_the_api_trigger() throws SQLException {
        JdbcStoreConfig store = JdbcStoreConfig.h2File(dataDir);
        try (HikariDataSource dataSource = dataSource(store)) {
            Flyway.configure(getClass().getClassLoader()).dataSource(dataSource).locations("classpath:db/migration")
                    .target("3").load().migrate();
            try (Connection connection = dataSource.getConnection()) {
                insertOld(connection, "dbt-1710460800000-succ00", "completed", 0, null);
                insertOld(connection, "dbt-1710460800000-erro00", "completed", 2, null);
                insertOld(connection, "dbt-1710460800000-fail00", "failed", null, "Image not found.");
                insertOld(connection, "dbt-1710460800000-time00", "failed", null, "Step dbt timed out after 45m.");
                insertOld(connection, "dbt-1710460800000-canc00", "cancelled", null, "The job was cancelled on request.");
                insertOld(connection, "dbt-1710460800000-runn00", "running", null, null);
            }
        }

        try (JdbcJobRepository repository = JdbcJobRepository.open(store)) {
            Map<String, Optional<Outcome>> expected = Map.of(
                    "dbt-1710460800000-succ00", Optional.of(Outcome.SUCCEEDED),
                    "dbt-1710460800000-erro00", Optional.of(Outcome.ERRORED),
                    "dbt-1710460800000-fail00", Optional.of(Outcome.FAILED),
                    "dbt-1710460800000-time00", Optional.of(Outcome.TIMED_OUT),
                    "dbt-1710460800000-canc00", Optional.of(Outcome.CANCELLED),
                    "dbt-1710460800000-runn00", Optional.empty());
            expected.forEach((id, outcome) -> {
                Job job = repository.findById(JobId.of(id)).orElseThrow();
                assertThat(job.outcome()).as(id).isEqualTo(outcome);
                assertThat(job.trigger()).as(id).isEqualTo(Trigger.API);
            });
        }
    }

    private static void insertOld(Connection connection, String id, String status, Integer exitCode, String error)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (id, pipeline, dbt_command,"
                + " enable_openlineage, enable_elementary, status, active_slot, created_at_nanos, finished_at_nanos,"
                + " exit_code, error_utf8, output_utf8) VALUES (?, 'dbt', 'daily', TRUE, TRUE, ?, ?, 1, ?, ?, ?, ?)")) {
            boolean running = status.equals("running");
            insert.setString(1, id);
            insert.setString(2, status);
            insert.setObject(3, running ? 1 : null, java.sql.Types.SMALLINT);
            insert.setObject(4, running ? null : 2L, java.sql.Types.BIGINT);
            insert.setObject(5, exitCode, java.sql.Types.INTEGER);
            insert.setBytes(6, error == null ? null : error.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(7, new byte[0]);
            insert.executeUpdate();
        }
    }

    private static HikariDataSource dataSource(JdbcStoreConfig store) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(store.jdbcUrl());
        store.user().ifPresent(pool::setUsername);
        pool.setMaximumPoolSize(2);
        return new HikariDataSource(pool);
    }
}
