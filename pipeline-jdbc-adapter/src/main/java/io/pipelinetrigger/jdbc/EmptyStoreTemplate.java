package io.pipelinetrigger.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The empty store this jar ships: the default embedded database, made and migrated by Flyway when the jar was built
 * ({@link EmptyStoreTemplateBuild}), copied into place when the default store's file does not exist yet, so the first
 * start opens a current store instead of running every migration (docs/performance.md, "Start-up"). The copy then
 * takes the normal path: {@link SchemaHistory} reads the history Flyway wrote at build time. A template older than
 * this jar's migrations is simply an older store, which Flyway migrates; a jar without one starts as before.
 */
final class EmptyStoreTemplate {

    /** Where the build puts the template, inside the jar. */
    static final String RESOURCE = "db/empty-store.mv.db";

    private static final System.Logger LOG = System.getLogger(EmptyStoreTemplate.class.getName());

    private EmptyStoreTemplate() {
    }

    /** True when the default store's file was missing and is now a copy of the template. */
    static boolean copyIfAbsent(JdbcStoreConfig config) {
        return copyIfAbsent(config, RESOURCE);
    }

    static boolean copyIfAbsent(JdbcStoreConfig config, String resource) {
        Optional<Path> file = config.defaultEmbeddedFile();
        if (file.isEmpty() || Files.exists(file.get())) {
            return false;
        }
        try (InputStream template = EmptyStoreTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (template == null) {
                return false;
            }
            Path directory = Files.createDirectories(file.get().getParent());
            Path partial = Files.createTempFile(directory, JdbcStoreConfig.H2_FILE_NAME, ".partial");
            try {
                Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
                publish(partial, file.get());
                return true;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (FileAlreadyExistsException e) {
            return false; // made meanwhile (another process on this directory): that store is the one to open
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not copy the jar''s empty store to {0} ({1}); the store is made as without"
                    + " it.", file.get(), e.toString());
            return false;
        }
    }

    /**
     * The whole file appears at once and never replaces one: a hard link fails when the name is taken, where a
     * rename over it would not; a file system without hard links gets a move that refuses an existing file.
     */
    private static void publish(Path partial, Path file) throws IOException {
        try {
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.move(partial, file);
        }
    }
}
