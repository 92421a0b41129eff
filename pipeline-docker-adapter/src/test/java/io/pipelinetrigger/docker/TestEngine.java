package io.pipelinetrigger.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The test side's own view of the engine: is it there, the local busybox test image (no registry is
 * reachable here, so it is built from Debian's static busybox), and clean-up of what tests leave behind.
 */
final class TestEngine {

    static final String IMAGE = "pipeline-trigger-test/busybox:1";
    /**
     * This test run's own {@code PIPELINE_INSTANCE}: runners of concurrent test runs on the shared engine never
     * adopt, reattach, remove or conflict with each other's containers.
     */
    static final String INSTANCE = "it-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    private static final Path STATIC_BUSYBOX = Path.of("/bin/busybox");

    private static DockerClient client;
    private static boolean imageChecked;

    private TestEngine() {
    }

    static String dockerHost() {
        String fromEnvironment = System.getenv("DOCKER_HOST");
        return fromEnvironment == null || fromEnvironment.isBlank() ? DockerRunnerConfig.DEFAULT_DOCKER_HOST : fromEnvironment;
    }

    static synchronized DockerClient client() {
        if (client == null) {
            DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(dockerHost()).build();
            client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                    .dockerHost(URI.create(dockerHost()))
                    .connectionTimeout(Duration.ofSeconds(5))
                    .build());
        }
        return client;
    }

    /** Empty when the engine answers a ping; else why not. */
    static Optional<String> whyUnavailable() {
        try {
            client().pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of(String.valueOf(root.getMessage()));
        }
    }

    /** Builds {@link #IMAGE} (FROM scratch + static busybox) unless the engine has it already. */
    static synchronized void ensureTestImage() {
        if (imageChecked) {
            return;
        }
        try {
            client().inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException missing) {
            buildTestImage();
        }
        imageChecked = true;
    }

    private static void buildTestImage() {
        if (!Files.isExecutable(STATIC_BUSYBOX)) {
            throw new IllegalStateException(STATIC_BUSYBOX + " is missing: install Debian's busybox-static to build the test image.");
        }
        Path context = null;
        try {
            context = Files.createTempDirectory("pipeline-trigger-test-image");
            Files.copy(STATIC_BUSYBOX, context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
                    ""));
            client().buildImageCmd(context.toFile()).withTags(Set.of(IMAGE)).start().awaitImageId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(context);
        }
    }

    /** Every container, running or not, that carries the label (key or key=value). */
    static List<Container> containersLabelled(String labelFilter) {
        return client().listContainersCmd().withShowAll(true).withLabelFilter(List.of(labelFilter)).exec();
    }

    /** Removes every container, running or not, that carries the label (key or key=value). */
    static void removeContainersLabelled(String labelFilter) {
        for (Container container : containersLabelled(labelFilter)) {
            try {
                client().removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // removed meanwhile
            } catch (com.github.dockerjava.api.exception.ConflictException removing) {
                awaitGone(container.getId()); // "removal already in progress": the runner is removing it now
            }
        }
    }

    private static void awaitGone(String containerId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client().inspectContainerCmd(containerId).exec();
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("container " + containerId + " was still being removed after 30 s");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
