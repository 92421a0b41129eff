package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigrationTest {

    @TempDir
    Path dataDir;

    @Test
    void a_store_that_is_already_migrated_reports_its_real_version_and_no_migration_applied() {
        try (HikariDataSource dataSource = dataSource()) {
            SchemaMigration first = SchemaMigration.run(dataSource);
            SchemaMigration again = SchemaMigration.run(dataSource);

            assertThat(first.applied()).isPositive();
            assertThat(first.version()).isEqualTo(newestMigrationShipped());
            assertThat(again.applied()).isZero();
            assertThat(again.version()).isEqualTo(first.version());
        }
    }

    @Test
    void a_fresh_store_is_migrated_by_flyway() {
        try (HikariDataSource dataSource = dataSource()) {
            SchemaMigration fresh = SchemaMigration.run(dataSource);

            assertThat(fresh.flywayRan()).isTrue();
            assertThat(fresh.applied()).isEqualTo(Integer.parseInt(newestMigrationShipped()));
        }
    }

    @Test
    void a_store_already_at_the_newest_migration_is_opened_without_flyway() {
        try (HikariDataSource dataSource = dataSource()) {
            SchemaMigration.run(dataSource);

            SchemaMigration again = SchemaMigration.run(dataSource);

            assertThat(again.flywayRan()).isFalse();
            assertThat(again.version()).isEqualTo(newestMigrationShipped());
        }
    }

    @Test
    void the_jar_knows_its_newest_migration() {
        assertThat(String.valueOf(SchemaHistory.NEWEST_SHIPPED)).isEqualTo(newestMigrationShipped());
    }

    @Test
    void a_store_one_migration_behind_is_migrated_by_flyway() {
        try (HikariDataSource dataSource = dataSource()) {
            int older = Integer.parseInt(newestMigrationShipped()) - 1;
            flyway(dataSource).target(String.valueOf(older)).load().migrate();

            SchemaMigration upgrade = SchemaMigration.run(dataSource);

            assertThat(upgrade.flywayRan()).isTrue();
            assertThat(upgrade.applied()).isEqualTo(1);
            assertThat(upgrade.version()).isEqualTo(newestMigrationShipped());
        }
    }

    @Test
    void a_store_newer_than_the_jar_is_left_to_flyway_which_opens_it_at_its_own_version() throws SQLException {
        try (HikariDataSource dataSource = dataSource()) {
            SchemaMigration.run(dataSource);
            int newer = Integer.parseInt(newestMigrationShipped()) + 1;
            execute(dataSource, "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
                    + " \"success\") VALUES (" + (newer + 1) + ", '" + newer + "', 'from a newer jar', 'SQL', 'V" + newer
                    + "__from_a_newer_jar.sql', 1, 'SA', 1, TRUE)");

            assertThat(SchemaMigrationTest.isCurrent(dataSource)).isFalse();
            SchemaMigration opened = SchemaMigration.run(dataSource);

            assertThat(opened.flywayRan()).isTrue(); // Flyway only warns of a newer schema (docs/operations.md)
            assertThat(opened.applied()).isZero();
            assertThat(opened.version()).isEqualTo(String.valueOf(newer));
        }
    }

    @Test
    void a_store_whose_applied_migration_differs_from_the_shipped_script_is_refused_by_flyway() throws SQLException {
        try (HikariDataSource dataSource = dataSource()) {
            SchemaMigration.run(dataSource);
            execute(dataSource, "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '2'");

            assertThat(SchemaMigrationTest.isCurrent(dataSource)).isFalse();
            assertThatThrownBy(() -> SchemaMigration.run(dataSource)).hasMessageContaining("checksum");
        }
    }

    private static boolean isCurrent(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return SchemaHistory.isCurrent(connection);
        }
    }

    private static void execute(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static FluentConfiguration flyway(HikariDataSource dataSource) {
        return Flyway.configure(SchemaMigrationTest.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration").placeholders(Map.of("error_text", SqlDialect.H2.errorAsText()));
    }

    /** The version of the newest V<n>__*.sql file among the migrations the store ships. */
    private static String newestMigrationShipped() {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HikariDataSource dataSource() {
        JdbcStoreConfig store = JdbcStoreConfig.h2File(dataDir);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(store.jdbcUrl());
        store.user().ifPresent(pool::setUsername);
        pool.setMaximumPoolSize(2); // Flyway holds one connection for its lock and uses another
        return new HikariDataSource(pool);
    }
}
