package io.pipelinetrigger.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar pipeline-trigger.jar ...} as a CI job runs it: pipes, no terminal, its exit code. */
final class CliJar {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private CliJar() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("pipeline.cli.jar", "target/pipeline-trigger.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw verify`, which packages it first");
        }
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> environment, String... args) {
        return finish(start(environment, args));
    }

    static Process start(Map<String, String> environment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().keySet().removeIf(name -> name.startsWith("PIPELINE_"));
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result finish(Process process) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = copy(process.getInputStream(), out);
        Thread errReader = copy(process.getErrorStream(), err);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI did not end within 180 s; stderr so far: " + err);
            }
            outReader.join(5_000);
            errReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "cli-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
