package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The default embedded store's first start from the jar's empty store (docs/performance.md, "Start-up"). */
class EmptyStoreTemplateTest {

    /** Flyway's history without the columns that say when it ran, which differ between any two stores. */
    private static final String HISTORY = "SELECT \"installed_rank\", \"version\", \"description\", \"type\", \"script\","
            + " \"checksum\", \"installed_by\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";
    /** The history as a copy of the template has it: the same rows, written at the same moment. */
    private static final String HISTORY_WITH_TIMES = "SELECT \"installed_rank\", \"installed_on\", \"execution_time\""
            + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    /** What the schema is made of, by the names the migrations give (sorted, so the order of creation is no matter). */
    private static final List<String> SCHEMA = List.of(
            "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
            "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,"
                    + " NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC'",
            "SELECT INDEX_NAME, TABLE_NAME, INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE INDEX_SCHEMA = 'PUBLIC'",
            "SELECT INDEX_NAME, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, ORDERING_SPECIFICATION, IS_UNIQUE"
                    + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE INDEX_SCHEMA = 'PUBLIC'",
            "SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE"
                    + " WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "SELECT CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
                    + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "SELECT * FROM store_heartbeat",
            "SELECT * FROM job_queue_lock");

    @TempDir
    Path dir;

    @Test
    void the_jar_holds_an_empty_store_at_the_newest_migration() throws Exception {
        try (HikariDataSource template = copyOfTheTemplate(dir.resolve("template"))) {
            assertThat(rows(template, SCHEMA.get(0))).isNotEmpty();
            assertThat(rows(template, "SELECT * FROM jobs")).isEmpty();
            try (Connection connection = template.getConnection()) {
                assertThat(SchemaHistory.isCurrent(connection)).isTrue();
            }
        }
    }

    @Test
    void a_new_default_store_is_a_copy_of_the_template_that_opens_without_flyway() {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));

        assertThat(EmptyStoreTemplate.copyIfAbsent(config)).isTrue();

        try (HikariDataSource store = dataSource(config)) {
            SchemaMigration opened = SchemaMigration.run(store);
            assertThat(opened.flywayRan()).isFalse();
            assertThat(opened.version()).isEqualTo(String.valueOf(SchemaHistory.NEWEST_SHIPPED));
        }
        assertThat(dir.resolve("data")).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void opening_the_default_store_on_a_fresh_directory_keeps_the_history_flyway_wrote_at_build_time()
            throws Exception {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));

        JdbcJobRepository.open(config).close();

        assertThat(history(config, HISTORY_WITH_TIMES)).isEqualTo(templateHistory(HISTORY_WITH_TIMES));
    }

    @Test
    void the_copied_store_has_the_schema_and_history_of_a_store_flyway_migrates_from_empty() throws Exception {
        JdbcStoreConfig copied = JdbcStoreConfig.h2File(dir.resolve("copied"));
        JdbcStoreConfig migrated = JdbcStoreConfig.h2File(dir.resolve("migrated"));
        EmptyStoreTemplate.copyIfAbsent(copied);

        try (HikariDataSource copy = dataSource(copied); HikariDataSource byFlyway = dataSource(migrated)) {
            assertThat(SchemaMigration.run(byFlyway).flywayRan()).isTrue();
            for (String query : SCHEMA) {
                assertThat(rows(copy, query)).as(query).isEqualTo(rows(byFlyway, query));
            }
            assertThat(rows(copy, HISTORY)).isNotEmpty().isEqualTo(rows(byFlyway, HISTORY));
        }
    }

    @Test
    void flyway_validates_the_copied_store_and_finds_nothing_to_migrate() {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));
        EmptyStoreTemplate.copyIfAbsent(config);

        try (HikariDataSource store = dataSource(config)) {
            Flyway flyway = Flyway.configure(getClass().getClassLoader()).dataSource(store)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("error_text", SqlDialect.H2.errorAsText())).load();
            flyway.validate();
            assertThat(flyway.migrate().migrationsExecuted).isZero();
        }
    }

    @Test
    void jobs_are_saved_and_read_in_a_store_made_from_the_template() {
        Job job = Jobs.aCompletedJob(Jobs.anId("seed01"), T0);
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));

        try (JdbcJobRepository store = JdbcJobRepository.open(config)) {
            store.insertIfNoneActive(job);
        }
        try (JdbcJobRepository reopened = JdbcJobRepository.open(config)) {
            assertThat(reopened.findAll()).containsExactly(job);
        }
    }

    @Test
    void a_store_with_its_own_user_or_password_is_made_by_flyway_not_copied() throws Exception {
        // the template's only user is sa without a password: a copy would refuse these credentials
        List<String> templateHistory = templateHistory(HISTORY_WITH_TIMES);
        for (JdbcStoreConfig config : List.of(JdbcStoreConfig.h2File(dir.resolve("user")).withUser("pipeline"),
                JdbcStoreConfig.h2File(dir.resolve("password")).withPassword("s3cret"))) {
            assertThat(config.defaultEmbeddedFile()).as(config.toString()).isEmpty();

            JdbcJobRepository.open(config).close();

            assertThat(isCurrent(config)).as(config.toString()).isTrue();
            assertThat(history(config, HISTORY_WITH_TIMES)).as(config.toString()).isNotEqualTo(templateHistory);
        }
    }

    @Test
    void a_store_named_by_its_own_h2_url_is_made_by_flyway_not_copied() throws Exception {
        Path file = dir.resolve("own").toAbsolutePath().resolve(JdbcStoreConfig.H2_FILE_NAME);
        JdbcStoreConfig config = JdbcStoreConfig.of("jdbc:h2:file:" + file).withUser("sa");

        assertThat(EmptyStoreTemplate.copyIfAbsent(config)).isFalse();
        JdbcJobRepository.open(config).close();

        assertThat(isCurrent(config)).isTrue();
        assertThat(history(config, HISTORY_WITH_TIMES)).isNotEqualTo(templateHistory(HISTORY_WITH_TIMES));
    }

    @Test
    void an_existing_database_file_is_never_replaced() throws Exception {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));
        Path file = Files.createDirectories(dir.resolve("data")).resolve(JdbcStoreConfig.H2_FILE_NAME + ".mv.db");
        Files.writeString(file, "not the template");

        assertThat(EmptyStoreTemplate.copyIfAbsent(config)).isFalse();

        assertThat(file).hasContent("not the template");
    }

    @Test
    void an_existing_store_keeps_its_jobs_when_opened_again() {
        Job job = Jobs.aCompletedJob(Jobs.anId("keep01"), T0);
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));
        try (HikariDataSource byFlyway = dataSource(config)) {
            SchemaMigration.run(byFlyway);
        }
        try (JdbcJobRepository store = JdbcJobRepository.open(config)) {
            store.insertIfNoneActive(job);
        }

        try (JdbcJobRepository reopened = JdbcJobRepository.open(config)) {
            assertThat(reopened.findAll()).containsExactly(job);
        }
    }

    @Test
    void without_a_template_in_the_jar_nothing_is_copied() {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dir.resolve("data"));

        assertThat(EmptyStoreTemplate.copyIfAbsent(config, "db/no-such-store.mv.db")).isFalse();

        assertThat(dir.resolve("data").resolve(JdbcStoreConfig.H2_FILE_NAME + ".mv.db")).doesNotExist();
    }

    private List<String> templateHistory(String query) throws Exception {
        try (HikariDataSource template = copyOfTheTemplate(dir.resolve("template"))) {
            return rows(template, query);
        }
    }

    private static HikariDataSource copyOfTheTemplate(Path directory) throws IOException {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(directory);
        try (InputStream template = EmptyStoreTemplate.class.getClassLoader()
                .getResourceAsStream(EmptyStoreTemplate.RESOURCE)) {
            assertThat(template).as(EmptyStoreTemplate.RESOURCE).isNotNull();
            Files.createDirectories(directory);
            Files.copy(template, config.defaultEmbeddedFile().orElseThrow());
        }
        return dataSource(config);
    }

    private static List<String> history(JdbcStoreConfig config, String query) throws SQLException {
        try (HikariDataSource store = dataSource(config)) {
            return rows(store, query);
        }
    }

    private static boolean isCurrent(JdbcStoreConfig config) throws SQLException {
        try (HikariDataSource store = dataSource(config); Connection connection = store.getConnection()) {
            return SchemaHistory.isCurrent(connection);
        }
    }

    private static HikariDataSource dataSource(JdbcStoreConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(pool::setUsername);
        config.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(2); // Flyway holds one connection for its lock and uses another
        return new HikariDataSource(pool);
    }

    /** Each row as one line, sorted. */
    private static List<String> rows(HikariDataSource dataSource, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(result.getMetaData().getColumnLabel(column)).append('=')
                            .append(result.getString(column)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
