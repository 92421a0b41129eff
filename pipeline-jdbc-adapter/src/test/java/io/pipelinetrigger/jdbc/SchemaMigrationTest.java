package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
            assertThat(first.version()).isEqualTo("2");
            assertThat(again.applied()).isZero();
            assertThat(again.version()).isEqualTo(first.version());
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
