package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's archive on the embedded H2 file database, and how it batches output into rows. */
class H2OutputArchiveTest extends JdbcOutputArchiveContract {

    @TempDir
    Path dataDir;

    @Override
    protected JdbcStoreConfig storeOfThisTest() {
        return JdbcStoreConfig.h2File(dataDir.resolve("data"));
    }

    @Test
    void a_fast_step_makes_rows_of_the_batch_size_not_one_row_per_chunk() throws Exception {
        JdbcJobRepository store = openStore();
        // a flush interval no test waits for: only full rows, and the rest at close
        JdbcOutputArchive archive = store.outputArchive(new JdbcOutputArchive.Settings(64 * 1024, java.time.Duration.ofHours(1)));
        byte[] line = "a line of output that a chatty step prints many times\n".getBytes();
        int lines = 20_000;
        try (StepOutputWriter writer = archive.open(JOB, StepName.INGESTER)) {
            for (int i = 0; i < lines; i++) {
                writer.accept(new LogChunk(StepName.INGESTER, LogStream.STDOUT, line));
            }
        }

        long total = (long) line.length * lines;
        assertThat(archive.bytesKept(JOB, StepName.INGESTER)).isEqualTo(total);
        assertThat(rowCount()).isEqualTo((total + 64 * 1024 - 1) / (64 * 1024));
    }

    @Test
    void a_read_by_offset_and_the_size_walk_the_primary_key_not_the_table() throws Exception {
        JdbcJobRepository store = openStore();
        JdbcOutputArchive archive = store.outputArchive(SMALL_ROWS);
        for (int job = 0; job < 20; job++) {
            try (StepOutputWriter writer = archive.open(Jobs.anId(String.format("many%02d", job)), StepName.DBT)) {
                writer.accept(new LogChunk(StepName.DBT, LogStream.STDOUT, new byte[200_000]));
            }
        }

        String range = plan(LogChunkRows.RANGE, JOB.value(), "dbt", JOB.value(), "dbt", 1000L, 9000L);
        String size = plan(LogChunkRows.LAST_ROW, JOB.value(), "dbt");

        assertThat(range).doesNotContainIgnoringCase("tableScan").contains("JOB_ID = ?1").contains("BYTE_OFFSET");
        assertThat(size).doesNotContainIgnoringCase("tableScan").contains("JOB_ID = ?1");
    }

    private String plan(String sql, Object... parameters) throws Exception {
        JdbcStoreConfig config = storeOfThisTest();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user().orElse(""),
                config.password().orElse(""));
             java.sql.PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    private long rowCount() throws Exception {
        JdbcStoreConfig config = storeOfThisTest();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user().orElse(""),
                config.password().orElse(""));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM job_log_chunks")) {
            row.next();
            return row.getLong(1);
        }
    }
}
