package io.pipelinetrigger.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar pipeline-app.jar ...} as a child process, its stdout and stderr collected line by line. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("pipeline-trigger listening on http://\\S+:(\\d+)");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private ServerProcess(Process process) {
        this.process = process;
        readers.add(collect(process.getInputStream(), stdout, "stdout"));
        readers.add(collect(process.getErrorStream(), stderr, "stderr"));
    }

    /** Starts the jar with a clean environment of ours: the machine's own PORT or PIPELINE_* must not leak in. */
    static ServerProcess start(Map<String, String> environment, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("pipeline.app.jar", "target/pipeline-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw verify`, which packages it first");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PIPELINE_") || name.startsWith("ENABLE_")
                || name.startsWith("DEMO_") || name.equals("HOST") || name.equals("PORT") || name.equals("DOCKER_HOST"));
        // every server gets its own data directory (database, output archive) unless the test shares one on purpose
        builder.environment().put("PIPELINE_DATA_DIR", Files.createTempDirectory("pipeline-data").toString());
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    /** Waits for the line that tells the port really bound. */
    int awaitPort(Duration timeout) throws InterruptedException {
        return awaitLine(LISTENING, timeout).map(m -> Integer.parseInt(m.group(1))).orElseThrow(() ->
                new AssertionError("no 'listening on' line within " + timeout + "; stdout: " + stdout + " stderr: " + stderr));
    }

    Optional<Matcher> awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : stdout) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /**
     * SIGTERM, as {@code docker stop} or systemd would send. Through the process handle, because
     * {@link Process#destroy()} also closes our ends of its pipes, and the shutdown log would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGINT, as Ctrl-C in the server's terminal sends it. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for the exit and for both streams to be read to their end. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout + "; stdout: " + stdout);
        }
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        return process.exitValue();
    }

    String stdout() {
        return String.join("\n", stdout);
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    /** Stops it as an operator would (so it cleans up its temp files), and kills it if that does not work. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        }, "server-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
