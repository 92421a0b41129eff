package io.pipelinetrigger.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds a step container at a point of its script until the test opens the gate: a host directory bound
 * read-only into the container, where the script waits for a file. So "while the step runs" is a state the
 * test controls, not a race against a {@code sleep}.
 */
final class DockerStepGate implements AutoCloseable {

    private static final String MOUNT = "/gate";

    /** The script fragment that waits until the gate is open. */
    static final String AWAIT = "until [ -f " + MOUNT + "/open ]; do sleep 0.2; done";

    private final Path directory;

    DockerStepGate() {
        this.directory = JarFiles.newDataDir();
    }

    /** For {@code PIPELINE_<STEP>_VOLUMES}. */
    String volume() {
        return directory.toAbsolutePath() + ":" + MOUNT + ":ro";
    }

    void open() {
        try {
            Files.writeString(directory.resolve("open"), "open\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        JarFiles.deleteRecursively(directory);
    }
}
