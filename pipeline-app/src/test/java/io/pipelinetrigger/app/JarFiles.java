package io.pipelinetrigger.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temp directories of the jar tests: a data directory per server, removed afterwards. */
final class JarFiles {

    private JarFiles() {
    }

    static Path newDataDir() {
        try {
            return Files.createTempDirectory("pipeline-jar-it");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temp data directory: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
