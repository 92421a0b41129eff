package io.pipelinetrigger.app.config;

import io.pipelinetrigger.jdbc.JdbcStoreConfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where jobs and their output are kept. {@code dataDir} holds the embedded H2 database (unless
 * {@code PIPELINE_DB_URL} names another, e.g. PostgreSQL) and, unless the log archive is the store, the archived
 * output of every step.
 *
 * @param jdbc     the job store's config, as the jdbc adapter validated it
 * @param embedded   whether the store is the default H2 file under {@code dataDir}
 * @param logArchive where the whole output of every step is kept ({@code PIPELINE_LOG_ARCHIVE})
 */
public record StoreSettings(Path dataDir, JdbcStoreConfig jdbc, boolean embedded, LogArchive logArchive) {

    static final Path DEFAULT_DATA_DIR = Path.of("data");

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(logArchive, "logArchive");
    }

    static StoreSettings read(Variables variables) {
        Path dataDir = variables.path(Variables.PIPELINE_DATA_DIR).orElse(DEFAULT_DATA_DIR);
        JdbcStoreConfig jdbc = variables.text(Variables.PIPELINE_DB_URL)
                .map(url -> Variables.checked(Variables.PIPELINE_DB_URL, url.replaceAll("[?;].*", "..."),
                        "a jdbc:postgresql: or jdbc:h2: URL", () -> JdbcStoreConfig.of(url)))
                .orElseGet(() -> Variables.checked(Variables.PIPELINE_DATA_DIR, dataDir.toString(),
                        "a directory path without ';' (it would end the H2 URL)", () -> JdbcStoreConfig.h2File(dataDir)));
        boolean embedded = !variables.isSet(Variables.PIPELINE_DB_URL);
        jdbc = variables.text(Variables.PIPELINE_DB_USER).map(jdbc::withUser).orElse(jdbc);
        jdbc = variables.text(Variables.PIPELINE_DB_PASSWORD).map(jdbc::withPassword).orElse(jdbc);
        return new StoreSettings(dataDir, jdbc, embedded, LogArchive.read(variables, jdbc.jdbcUrl()));
    }

    public Path outputDir() {
        return dataDir.resolve("output");
    }

    /** For the start-up log: never the password, nor the URL's parameters. */
    public String describe() {
        return "jobs in " + (embedded ? "the embedded H2 database under " + dataDir : jdbc.location())
                + (logArchive == LogArchive.STORE ? "; step output archived in the job store (readable from every replica)"
                : "; step output archived under " + outputDir());
    }
}
