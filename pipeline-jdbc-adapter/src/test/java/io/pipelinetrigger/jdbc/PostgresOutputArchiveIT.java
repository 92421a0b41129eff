package io.pipelinetrigger.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The store's archive on a real PostgreSQL, each test in a schema of its own (as {@link PostgresJobRepositoryIT}).
 * Without a server the test is skipped, except under CI, where it fails.
 */
class PostgresOutputArchiveIT extends JdbcOutputArchiveContract {

    private static final String URL = env("PIPELINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pipeline_test");
    private static final String USER = env("PIPELINE_TEST_PG_USER", "pipeline_test");
    private static final String PASSWORD = env("PIPELINE_TEST_PG_PASSWORD", "pipeline_test");

    private static Optional<String> unreachable = Optional.empty();

    private String schema;

    @BeforeAll
    static void requireServer() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            unreachable = Optional.empty();
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage()
                    + "); run .ci/start-postgres.sh as root or set PIPELINE_TEST_PG_URL/_USER/_PASSWORD.";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.getLogger(PostgresOutputArchiveIT.class.getName()).log(Level.WARNING, "Skipping: " + why);
            unreachable = Optional.of(why);
        }
    }

    @Override
    protected JdbcStoreConfig storeOfThisTest() {
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> unreachable.orElse(""));
        if (schema == null) {
            schema = "it_log_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            execute("CREATE SCHEMA " + schema);
        }
        return new JdbcStoreConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                Optional.of(USER), Optional.of(PASSWORD), 4);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            closeStores();
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
