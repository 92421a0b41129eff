package io.pipelinetrigger.jdbc;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Brings a store to the current schema. A store whose history says it is already there is left as it is without
 * loading Flyway ({@link SchemaHistory}; docs/performance.md, "Start-up"); every other store is Flyway's to migrate
 * or refuse. The version is read back from the history, not from the migrate result: when nothing was left to
 * migrate, that result names no target version.
 *
 * @param version the schema version the store is at now, e.g. {@code 3}
 * @param applied how many migrations this call ran
 * @param flywayRan whether Flyway was needed (false: the store was already current)
 */
record SchemaMigration(String version, int applied, boolean flywayRan) {

    static SchemaMigration run(DataSource dataSource) {
        return run(dataSource, SqlDialect.of(dataSource));
    }

    static SchemaMigration run(DataSource dataSource, SqlDialect dialect) {
        Map<String, String> placeholders = Map.of("error_text", dialect.errorAsText());
        if (isCurrent(dataSource)) {
            return new SchemaMigration(String.valueOf(SchemaHistory.NEWEST_SHIPPED), 0, false);
        }
        int applied = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(placeholders)
                .load()
                .migrate().migrationsExecuted;
        try (Connection connection = dataSource.getConnection()) {
            return new SchemaMigration(SchemaHistory.currentVersion(connection), applied, true);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the job store's schema version: " + e.getMessage(), e);
        }
    }

    private static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return SchemaHistory.isCurrent(connection);
        } catch (SQLException e) {
            return false; // Flyway will say what is wrong with the store
        }
    }
}
