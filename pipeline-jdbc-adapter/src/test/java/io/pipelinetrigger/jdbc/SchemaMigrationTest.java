package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
