package io.pipelinetrigger.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
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
        return run(dataSource, SqlDialect.of(dataSource));
    }

    static SchemaMigration run(DataSource dataSource, SqlDialect dialect) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("error_text", dialect.errorAsText()))
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        String version = Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(Object::toString)
                .orElse("none");
        return new SchemaMigration(version, applied);
    }
}
