package io.pipelinetrigger.app;

import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * N jar servers run as the replicas of one deployment (docs/operations.md, "Replicas"): one PostgreSQL schema of
 * their own, the same {@code PIPELINE_INSTANCE}, each with its own data directory, port and
 * {@code PIPELINE_REPLICA_ID} ({@code replica-0}, {@code replica-1}, ...). Without PostgreSQL the test is skipped,
 * except under CI, where it fails ({@code .ci/start-postgres.sh} sets the server up).
 *
 * <pre>{@code
 * try (Replicas replicas = Replicas.start(JarTestbed.withoutDocker(), 3, JarTestbed::processEnvironment, env -> {
 *     env.put("PIPELINE_INGESTER_COMMAND", ...);
 * })) {
 *     String jobId = replicas.api(0).accepted("{}");
 *     replicas.api(1).awaitFinished(jobId);
 * }
 * }</pre>
 */
final class Replicas implements AutoCloseable {

    static final String URL = env("PIPELINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pipeline_test");
    static final String USER = env("PIPELINE_TEST_PG_USER", "pipeline_test");
    static final String PASSWORD = env("PIPELINE_TEST_PG_PASSWORD", "pipeline_test");

    /** The shared test database of {@code .ci/start-postgres.sh}; a test may bring its own ({@link PrivatePostgres}). */
    static final Database SHARED = new Database(URL, USER, PASSWORD);

    /** A PostgreSQL database the replicas' store is in, and how to log in to it. */
    record Database(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** What every replica of a test gets on top of its base environment (the same for all of them). */
    @FunctionalInterface
    interface Settings {
        void addTo(Map<String, String> environment);
    }

    private final JarTestbed testbed;
    private final Database database;
    private final String schema;
    private final List<Map<String, String>> environments = new ArrayList<>();
    private final List<JarServer> servers = new ArrayList<>();

    private Replicas(JarTestbed testbed, Database database, String schema) {
        this.testbed = testbed;
        this.database = database;
        this.schema = schema;
    }

    /**
     * Starts {@code count} replicas on a fresh schema; {@code base} makes a server's environment for a data
     * directory ({@link JarTestbed#processEnvironment}, {@link JarTestbed#dockerEnvironment}), {@code settings}
     * adds what the test needs. The replicas start one after the other (the first migrates the schema).
     */
    static Replicas start(JarTestbed testbed, int count, Function<java.nio.file.Path, Map<String, String>> base,
                          Settings settings) {
        return start(testbed, SHARED, count, base, settings);
    }

    /** As {@link #start(JarTestbed, int, Function, Settings)}, on a fresh schema of {@code database}. */
    static Replicas start(JarTestbed testbed, Database database, int count,
                          Function<java.nio.file.Path, Map<String, String>> base, Settings settings) {
        Replicas replicas = new Replicas(testbed, database, createSchema(database));
        try {
            for (int i = 0; i < count; i++) {
                Map<String, String> environment = new HashMap<>(base.apply(testbed.newDataDir()));
                settings.addTo(environment);
                environment.put("PIPELINE_DB_URL", replicas.databaseUrl());
                environment.put("PIPELINE_DB_USER", database.user());
                environment.put("PIPELINE_DB_PASSWORD", database.password());
                environment.put("PIPELINE_INSTANCE", JarTestbed.INSTANCE);
                environment.put("PIPELINE_REPLICA_ID", "replica-" + i);
                replicas.environments.add(environment);
                replicas.servers.add(testbed.start(environment));
                replicas.servers.get(i).port(); // started and migrated before the next one comes up
            }
            return replicas;
        } catch (RuntimeException | AssertionError e) {
            replicas.close();
            throw e;
        }
    }

    int count() {
        return servers.size();
    }

    JarServer server(int replica) {
        return servers.get(replica);
    }

    JarApi api(int replica) {
        return testbed.api(servers.get(replica));
    }

    URI base(int replica) {
        return URI.create("http://127.0.0.1:" + servers.get(replica).port());
    }

    /** The environment replica {@code replica} was started with (a copy: to start it again after a kill). */
    Map<String, String> environment(int replica) {
        return new HashMap<>(environments.get(replica));
    }

    /** Starts replica {@code replica} again (after {@link JarServer#kill()}) with the environment it had. */
    JarServer restart(int replica) {
        JarServer server = testbed.start(environments.get(replica));
        servers.set(replica, server);
        server.port();
        return server;
    }

    /** The schema the replicas share, for a test that looks into the store itself. */
    String schema() {
        return schema;
    }

    String databaseUrl() {
        return database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A connection to the shared test database (the schema of replicas on it is {@link #schema()}). */
    static Connection connect() throws SQLException {
        return SHARED.connect();
    }

    /** Stops the replicas (and whatever the testbed holds), then drops the schema. */
    @Override
    public void close() {
        try {
            testbed.close();
        } finally {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the test schema " + schema + ": " + e.getMessage(), e);
            }
        }
    }

    private static String createSchema(Database database) {
        String schema = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            return schema;
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + database.url() + " as " + database.user() + " (" + e.getMessage()
                    + "); run .ci/start-postgres.sh as root or set PIPELINE_TEST_PG_URL/_USER/_PASSWORD.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the replica tests must run: " + why);
            }
            Assumptions.abort("Skipped: " + why);
            throw new AssertionError("unreachable");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
