package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kill-and-reattach story with the job store on PostgreSQL ({@code PIPELINE_DB_URL}), in a schema of its own
 * ({@code .ci/start-postgres.sh} sets the server up; the same defaults as the jdbc module's PostgresJobRepositoryIT).
 * Without a server the test is skipped, except under CI, where it fails.
 */
@ExtendWith(DockerEngineAvailable.class)
class DurabilityPostgresIT {

    private static final String URL = env("PIPELINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pipeline_test");
    private static final String USER = env("PIPELINE_TEST_PG_USER", "pipeline_test");
    private static final String PASSWORD = env("PIPELINE_TEST_PG_PASSWORD", "pipeline_test");

    private final JarTestbed testbed = JarTestbed.withDocker();
    private String schema;

    @BeforeEach
    void createASchemaOfItsOwn() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            schema = "jar_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage()
                    + "); run .ci/start-postgres.sh as root or set PIPELINE_TEST_PG_URL/_USER/_PASSWORD.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the PostgreSQL test must run: " + why);
            }
            Assumptions.abort("Skipped: " + why);
        }
    }

    @AfterEach
    void dropIt() throws SQLException {
        testbed.close();
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void killedWhileTheContainerRunsTheNextStartOnTheSameDatabaseReattachesAndRecordsItsEnd() throws SQLException {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = RestartReattachIT.dbtRunning(testbed.newDataDir(), gate, "exit 5");
        environment.put("PIPELINE_DB_URL", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        environment.put("PIPELINE_DB_USER", USER);
        environment.put("PIPELINE_DB_PASSWORD", PASSWORD);
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        assertThat(first.log()).contains("jobs in jdbc:postgresql://");
        String jobId = api.accepted(RestartReattachIT.DBT);
        api.awaitOutput(jobId, "before");

        first.kill();
        assertThat(statusInTheDatabase(jobId)).isEqualTo("running");
        JarServer second = testbed.start(environment);
        RestartReattachIT.awaitReattached(second, jobId);
        gate.open();
        JsonNode done = testbed.api(second).awaitFinished(jobId);

        RestartReattachIT.assertCompletedOnce(done, 5);
        assertThat(statusInTheDatabase(jobId)).isEqualTo("completed");
        assertThat(DockerCli.containersCreatedFor(jobId, since)).isEqualTo(1);
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
    }

    private String statusInTheDatabase(String jobId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement query = connection.prepareStatement("SELECT status FROM " + schema + ".jobs WHERE id = ?")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("job %s is in %s.jobs", jobId, schema).isTrue();
                return row.getString(1);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
