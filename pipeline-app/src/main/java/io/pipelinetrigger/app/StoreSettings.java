package io.pipelinetrigger.app;

import io.pipelinetrigger.jdbc.JdbcStoreConfig;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where jobs and their output are kept. {@code dataDir} holds the embedded H2 database (unless
 * {@code PIPELINE_DB_URL} names another, e.g. PostgreSQL) and, always, the archived output of every step.
 */
record StoreSettings(Path dataDir, Optional<String> dbUrl, Optional<String> user, Optional<String> password) {

    static final Path DEFAULT_DATA_DIR = Path.of("data");

    StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    static StoreSettings read(Variables variables) {
        Optional<String> url = variables.text(Variables.PIPELINE_DB_URL);
        if (url.isPresent() && !url.get().startsWith("jdbc:h2:") && !url.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(Variables.PIPELINE_DB_URL + " must be a jdbc:postgresql: or jdbc:h2: URL, got "
                    + Variables.quoted(url.get().replaceAll("[?;].*", "...")) + ".");
        }
        return new StoreSettings(variables.path(Variables.PIPELINE_DATA_DIR).orElse(DEFAULT_DATA_DIR), url,
                variables.text(Variables.PIPELINE_DB_USER), variables.text(Variables.PIPELINE_DB_PASSWORD));
    }

    Path outputDir() {
        return dataDir.resolve("output");
    }

    JdbcStoreConfig jdbc() {
        JdbcStoreConfig config = dbUrl.map(JdbcStoreConfig::of).orElseGet(() -> JdbcStoreConfig.h2File(dataDir));
        if (user.isPresent()) {
            config = config.withUser(user.get());
        }
        if (password.isPresent()) {
            config = config.withPassword(password.get());
        }
        return config;
    }

    /** For the start-up log: never the password, nor the URL's parameters. */
    String describe() {
        return "jobs in " + dbUrl.map(url -> url.replaceAll("[?;].*", "")).orElse("the embedded H2 database under " + dataDir)
                + "; step output archived under " + outputDir();
    }
}
