package io.pipelinetrigger.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the job store lives and how many connections it may hold. Absent credentials are left to the URL or the
 * driver. {@link #toString()} never shows the password.
 */
public record JdbcStoreConfig(String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize) {

    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int MAX_POOL_SIZE = 64;

    /** The file name (without H2's {@code .mv.db}) of the default store inside the data directory. */
    public static final String H2_FILE_NAME = "pipeline-trigger";

    /**
     * Settings of the default embedded database, used by one server process:
     * <ul>
     * <li>no {@code AUTO_SERVER}: it would open a TCP port; H2's default file lock instead makes a second process
     * on the same data directory fail at start-up, which is what we want;</li>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while the server's
     * graceful shutdown still records how its jobs ended; the database closes when the pool closes;</li>
     * <li>{@code WRITE_DELAY=0}: a commit is written at once, so a crash right after a job ended does not lose it
     * (jobs are written a few times per run, so the cost is nothing);</li>
     * <li>{@code LOCK_TIMEOUT=10000}: racing writers wait for each other's commit instead of failing after H2's
     * default one second.</li>
     * </ul>
     */
    static final String H2_FILE_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";

    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";

    public JdbcStoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store's URL must be a jdbc:postgresql: or jdbc:h2: URL (the drivers"
                    + " this adapter ships), got \"" + redact(jdbcUrl) + "\"");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the pool size must be 1 to " + MAX_POOL_SIZE + ", got " + poolSize);
        }
    }

    /** A store at this URL, with no user or password of its own and the default pool size. */
    public static JdbcStoreConfig of(String jdbcUrl) {
        return new JdbcStoreConfig(jdbcUrl, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
    }

    /** The default store: an embedded H2 file database {@code pipeline-trigger.mv.db} in {@code dataDir}. */
    public static JdbcStoreConfig h2File(Path dataDir) {
        String file = dataDir.toAbsolutePath().normalize().resolve(H2_FILE_NAME).toString();
        if (file.contains(";")) {
            throw new IllegalArgumentException("the data directory's path must not contain ';' (it ends an H2 URL): "
                    + dataDir);
        }
        return of(H2_FILE_PREFIX + file + H2_FILE_SETTINGS).withUser("sa");
    }

    public JdbcStoreConfig withUser(String newUser) {
        return new JdbcStoreConfig(jdbcUrl, Optional.of(newUser), password, poolSize);
    }

    public JdbcStoreConfig withPassword(String newPassword) {
        return new JdbcStoreConfig(jdbcUrl, user, Optional.of(newPassword), poolSize);
    }

    public JdbcStoreConfig withPoolSize(int newPoolSize) {
        return new JdbcStoreConfig(jdbcUrl, user, password, newPoolSize);
    }

    /**
     * The database file ({@code pipeline-trigger.mv.db}) when this is the default embedded store exactly as
     * {@link #h2File} makes it, with its own user and no password; otherwise empty. Only such a store may be made
     * from the jar's empty store (docs/performance.md, "Start-up"): H2 keeps users and passwords in the file, so a
     * store with other credentials or another URL is left to H2 and Flyway.
     */
    Optional<Path> defaultEmbeddedFile() {
        if (!jdbcUrl.startsWith(H2_FILE_PREFIX) || !jdbcUrl.endsWith(H2_FILE_SETTINGS) || password.isPresent()) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(H2_FILE_PREFIX.length(), jdbcUrl.length() - H2_FILE_SETTINGS.length());
        Path base = Path.of(file);
        if (file.contains(";") || !base.isAbsolute() || base.getParent() == null) {
            return Optional.empty();
        }
        JdbcStoreConfig made = h2File(base.getParent());
        return made.jdbcUrl.equals(jdbcUrl) && made.user.equals(user)
                ? Optional.of(base.resolveSibling(H2_FILE_NAME + ".mv.db"))
                : Optional.empty();
    }

    /** The URL without its settings, which may carry credentials: safe for logs and error messages. */
    public String location() {
        return redact(jdbcUrl);
    }

    @Override
    public String toString() {
        return "JdbcStoreConfig[jdbcUrl=" + location() + ", user=" + user.orElse("(none)")
                + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", poolSize=" + poolSize + "]";
    }

    private static String redact(String url) {
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return url.substring(0, end);
    }
}
