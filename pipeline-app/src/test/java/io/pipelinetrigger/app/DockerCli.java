package io.pipelinetrigger.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, as an operator beside the server would use it: is an engine there, the busybox test image
 * (no registry is reachable here, so it is built from Debian's static busybox, as the docker adapter's tests
 * do), and what the engine shows of our containers. The jar talks to the same engine ({@code DOCKER_HOST} is
 * passed on to both).
 */
final class DockerCli {

    static final String TEST_IMAGE = "pipeline-trigger-test/busybox:1";
    static final String JOB_ID_LABEL = "pipeline-trigger.job-id";
    static final String STEP_LABEL = "pipeline-trigger.step";
    static final String INSTANCE_LABEL = "pipeline-trigger.instance";
    private static final Path STATIC_BUSYBOX = Path.of("/bin/busybox");
    private static final Duration CALL = Duration.ofSeconds(60);

    private static boolean imageChecked;

    private DockerCli() {
    }

    record Result(int exitCode, String out) {
        String trimmed() {
            return out.strip();
        }
    }

    /** Runs {@code docker <args>}, stdout and stderr together. */
    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(CALL.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " did not end within " + CALL);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #run}, but a non-zero exit is a test failure. */
    static String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.out());
        }
        return result.trimmed();
    }

    /** Empty when the engine answers; else why not. */
    static Optional<String> whyUnavailable() {
        try {
            Result version = run("version", "--format", "{{.Server.Version}}");
            return version.exitCode() == 0 ? Optional.empty() : Optional.of(version.trimmed());
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Builds {@link #TEST_IMAGE} (FROM scratch + static busybox) unless the engine has it already. */
    static synchronized void ensureTestImage() {
        if (imageChecked) {
            return;
        }
        if (run("image", "inspect", TEST_IMAGE).exitCode() != 0) {
            buildTestImage();
        }
        imageChecked = true;
    }

    private static void buildTestImage() {
        if (!Files.isExecutable(STATIC_BUSYBOX)) {
            throw new IllegalStateException(STATIC_BUSYBOX + " is missing: install Debian's busybox-static to build the test image.");
        }
        try {
            Path context = Files.createTempDirectory("pipeline-trigger-test-image");
            Files.copy(STATIC_BUSYBOX, context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
                    ""));
            ok("build", "-q", "-t", TEST_IMAGE, context.toString());
            JarFiles.deleteRecursively(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of every container, running or not, the engine has for this job. */
    static List<String> containersOfJob(String jobId) {
        String names = ok("ps", "-a", "--filter", "label=" + JOB_ID_LABEL + "=" + jobId, "--format", "{{.Names}}");
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    /**
     * The containers of this job left once its end was recorded: a server removes them right after it saved the
     * end (never before, so that a recovery can still read them), so this waits a little for them to go.
     */
    static List<String> containersLeftOfJob(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> left = containersOfJob(jobId);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            JarServer.sleep(200);
            left = containersOfJob(jobId);
        }
        return left;
    }

    /** How many containers were ever created for this job since {@code since}, from the engine's event log. */
    static int containersCreatedFor(String jobId, Instant since) {
        return eventsOfJob(jobId, since, "create", "{{.Actor.ID}}").size();
    }

    /** The engine's container events of one kind for this job since {@code since}, each as {@code format} shows it. */
    static List<String> eventsOfJob(String jobId, Instant since, String event, String format) {
        String lines = ok("events", "--since", epochSeconds(since.minusSeconds(1)), "--until", epochSeconds(Instant.now()),
                "--filter", "type=container", "--filter", "event=" + event,
                "--filter", "label=" + JOB_ID_LABEL + "=" + jobId, "--format", format);
        return lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }

    /** Names of the running step containers of this test run's instance (others' never make our triggers 409). */
    static List<String> runningStepContainers() {
        String names = ok("ps", "--filter", "label=" + STEP_LABEL, "--filter", "label=" + INSTANCE_LABEL + "=" + JarTestbed.INSTANCE,
                "--format", "{{.Names}}");
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    /** {@code docker wait}: blocks until the container has exited, returns its exit code. */
    static int waitForExit(String container) {
        return Integer.parseInt(ok("wait", container));
    }

    /** The container's state as {@code docker inspect} tells it, e.g. {@code running}, {@code exited}; empty when gone. */
    static Optional<String> state(String container) {
        Result inspect = run("inspect", "--format", "{{.State.Status}}", container);
        return inspect.exitCode() == 0 ? Optional.of(inspect.trimmed()) : Optional.empty();
    }

    /** Removes, forcibly, every container of these jobs, and the named ones: what a test leaves must not stay. */
    static void removeContainers(Collection<String> jobIds, Collection<String> names) {
        for (String jobId : jobIds) {
            containersOfJob(jobId).forEach(name -> run("rm", "-f", "-v", name));
        }
        names.forEach(name -> run("rm", "-f", "-v", name));
    }

    private static String epochSeconds(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }
}
