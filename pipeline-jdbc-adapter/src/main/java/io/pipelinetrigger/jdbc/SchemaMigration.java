package io.pipelinetrigger.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a store to the current schema. The version is read back from Flyway's history, not from the migrate
 * result: when nothing was left to migrate, that result names no target version.
 *
 * @param version the schema version the store is at now, e.g. {@code 3}
 * @param applied how many migrations this call ran
 */
record SchemaMigration(String version, int applied) {

    static SchemaMigration run(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("error_text", errorAsText(dataSource)))
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        String version = Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(Object::toString)
                .orElse("none");
        return new SchemaMigration(version, applied);
    }

    /** How the backfill of V5 reads the UTF-8 bytes of {@code error_utf8} as text on this database. */
    private static String errorAsText(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.toLowerCase(Locale.ROOT).contains("postgres")
                    ? "convert_from(error_utf8, 'UTF8')"
                    : "UTF8TOSTRING(error_utf8)";
        } catch (SQLException e) {
            throw new StoreException("Cannot open a connection to the job store: " + e.getMessage(), e);
        }
    }
}
