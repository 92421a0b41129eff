package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes {@link EmptyStoreTemplate#RESOURCE} while the adapter is built (the pom's {@code empty-store-template}
 * execution, phase {@code process-classes}). It is a plain main run in its own JVM, not build-plugin code, so the
 * template is made by exactly the code the server runs: the default store's URL and user ({@link
 * JdbcStoreConfig#h2File}), the H2 version on the class path, and Flyway through {@link SchemaMigration}. Kept this
 * small on purpose: every line here runs in every build.
 *
 * <p>Arguments: a scratch directory (emptied first) and the template file to write.
 */
final class EmptyStoreTemplateBuild {

    private EmptyStoreTemplateBuild() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Path scratch = Path.of(args[0]);
        Path template = Path.of(args[1]);
        JdbcStoreConfig store = JdbcStoreConfig.h2File(scratch);
        Path file = store.defaultEmbeddedFile().orElseThrow();
        Files.createDirectories(scratch);
        Files.deleteIfExists(file);

        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(store.jdbcUrl());
        store.user().ifPresent(pool::setUsername);
        pool.setMaximumPoolSize(2); // Flyway holds one connection for its lock and uses another
        Logger.getLogger("").setLevel(Level.WARNING); // Flyway's progress would fill the build's output
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            SchemaMigration migration = SchemaMigration.run(dataSource);
            if (!migration.flywayRan() || !migration.version().equals(String.valueOf(SchemaHistory.NEWEST_SHIPPED))) {
                throw new IllegalStateException("the empty store was not migrated by Flyway to version "
                        + SchemaHistory.NEWEST_SHIPPED + ": " + migration);
            }
        }
        // outside the pool, which cannot close connections to a database that has shut down
        try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user().orElseThrow(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT"); // the smallest file, closed cleanly
        }
        Files.createDirectories(template.getParent());
        Files.copy(file, template, StandardCopyOption.REPLACE_EXISTING);
    }
}
