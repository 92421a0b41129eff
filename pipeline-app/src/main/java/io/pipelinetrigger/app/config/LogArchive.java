package io.pipelinetrigger.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the whole output of every step is kept ({@code PIPELINE_LOG_ARCHIVE}, docs/configuration.md): files under
 * the data directory, which only this server reads, or rows in the job store, which every replica on it reads
 * (docs/operations.md, "Replicas").
 */
public enum LogArchive {
    FILES, STORE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(LogArchive::wireName).toList();
    }

    /**
     * The store when it is a PostgreSQL server: the database replicas share, where the log goes with its job. The
     * files for the embedded H2 file, which no second server opens, and for an H2 URL of the operator's.
     */
    static LogArchive defaultFor(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? STORE : FILES;
    }

    static LogArchive read(Variables variables, String jdbcUrl) {
        String chosen = variables.choice(Variables.PIPELINE_LOG_ARCHIVE, defaultFor(jdbcUrl).wireName(), wireNames());
        return valueOf(chosen.toUpperCase(Locale.ROOT));
    }
}
