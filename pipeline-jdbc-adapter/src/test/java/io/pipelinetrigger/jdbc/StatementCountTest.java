package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the request path costs the database, counted by H2's own statement statistics and checked in its query
 * plans (docs/performance.md, "The request path"): a poll is one read by the primary key whatever the history
 * holds, a page of the list is one read along an index, a trigger is the inserts the database decides, and the
 * periodic save of a running job writes its output and nothing else.
 */
class StatementCountTest {

    private final String url = "jdbc:h2:mem:statements-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private JdbcJobRepository store;
    private Connection observer;

    @BeforeEach
    void open() throws SQLException {
        store = JdbcJobRepository.open(new JdbcStoreConfig(url, Optional.empty(), Optional.empty(), 2));
        observer = DriverManager.getConnection(url);
    }

    @AfterEach
    void close() throws SQLException {
        store.close();
        observer.close();
    }

    private void history(int from, int to) {
        for (int i = from; i < to; i++) {
            store.insertIfNoneActive(Jobs.aCompletedJob(Jobs.anId(String.format("h%05d", i)), T0.plusSeconds(i)));
        }
    }

    /** Every statement {@code work} made the database run, once per execution; commits left out. */
    private List<String> statementsOf(Runnable work) throws SQLException {
        try (Statement statement = observer.createStatement()) {
            statement.execute("SET QUERY_STATISTICS FALSE"); // clears what was counted before
            statement.execute("SET QUERY_STATISTICS TRUE");
        }
        work.run();
        List<String> executed = new ArrayList<>();
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM"
                     + " INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rows.next()) {
                String sql = rows.getString(1);
                for (int i = 0; i < rows.getInt(2) && !sql.contains("QUERY_STATISTICS") && !sql.equals("COMMIT"); i++) {
                    executed.add(sql);
                }
            }
        }
        return executed;
    }

    private String plan(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement explain = observer.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    @Test
    void a_poll_is_one_read_by_the_primary_key_with_ten_or_three_hundred_jobs_kept() throws SQLException {
        history(0, 10);
        Job polled = Jobs.aCompletedJob(Jobs.anId("poll01"), T0.plusSeconds(5_000));
        store.insertIfNoneActive(polled);
        List<String> few = statementsOf(() -> store.findById(polled.id()));
        history(10, 300);

        List<String> many = statementsOf(() -> store.findById(polled.id()));

        assertThat(many).hasSize(1).isEqualTo(few);
        assertThat(plan(many.get(0), polled.id().value())).doesNotContainIgnoringCase("tableScan")
                .contains("ID = ?1").contains("JOB_ID = J.ID");
    }

    @Test
    void a_page_of_the_list_is_one_read_along_the_newest_first_index() throws SQLException {
        history(0, 150);

        List<String> page = statementsOf(() -> assertThat(store.findPage(JobFilter.newest(), T0, 100)).hasSize(100));

        assertThat(page).hasSize(1);
        assertThat(plan(page.get(0), 0L, 100)).doesNotContainIgnoringCase("tableScan").contains("JOBS_NEWEST")
                .contains("index sorted");
    }

    @Test
    void a_trigger_is_its_inserts_and_no_read_first() throws SQLException {
        history(0, 100);
        Job accepted = Jobs.aRunningJob(Jobs.anId("trig01"), T0.plusSeconds(1_000));

        List<String> trigger = statementsOf(() -> assertThat(store.insertIfNoneActive(accepted)).isEmpty());

        assertThat(trigger).allSatisfy(sql -> assertThat(sql).startsWith("INSERT INTO"))
                .anySatisfy(sql -> assertThat(sql).startsWith("INSERT INTO jobs "))
                .anySatisfy(sql -> assertThat(sql).startsWith("INSERT INTO job_steps "));
    }

    @Test
    void the_periodic_save_of_a_running_job_writes_its_output_only() throws SQLException {
        JobId running = Jobs.anId("runs01");
        store.insertIfNoneActive(Jobs.aRunningJob(running, T0));

        List<String> save = statementsOf(() -> assertThat(store.updateOutput(running, "compiling 12 of 40\n")).isTrue());

        assertThat(save).singleElement().satisfies(sql -> assertThat(sql).startsWith("UPDATE jobs SET output_utf8 = ?"));
    }
}
