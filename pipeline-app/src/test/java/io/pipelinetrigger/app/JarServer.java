package io.pipelinetrigger.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar pipeline-app.jar} as an operator runs it, and as it dies: {@link #kill()} is {@code kill -9},
 * {@link #terminate()} is SIGTERM. Its environment is only what the test gives (the machine's own PIPELINE_*
 * must not leak in); its stdout and stderr are collected line by line.
 */
final class JarServer implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("pipeline-trigger listening on http://\\S+:(\\d+)");

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final List<ProcessHandle> orphans = new CopyOnWriteArrayList<>();
    private int port;

    private JarServer(Process process) {
        this.process = process;
        readers.add(collect(process.getInputStream(), "stdout"));
        readers.add(collect(process.getErrorStream(), "stderr"));
    }

    /** Starts the jar with its command-line options ({@code --demo}); {@code environment} must name its PIPELINE_DATA_DIR. */
    static JarServer start(Map<String, String> environment, String... options) {
        if (!environment.containsKey("PIPELINE_DATA_DIR")) {
            throw new IllegalArgumentException("every jar test server needs its PIPELINE_DATA_DIR");
        }
        Path jar = Path.of(System.getProperty("pipeline.app.jar", "target/pipeline-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw verify`, which packages it first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PIPELINE_") || name.startsWith("ENABLE_")
                || name.startsWith("DEMO_") || name.equals("HOST") || name.equals("PORT"));
        builder.environment().putAll(environment);
        try {
            return new JarServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the jar: " + e.getMessage(), e);
        }
    }

    /** The port really bound, once the server says it listens. */
    synchronized int port() {
        if (port == 0) {
            port = awaitLine(LISTENING, START).map(m -> Integer.parseInt(m.group(1))).orElseThrow(() ->
                    new AssertionError("no 'listening on' line within " + START + "; log:\n" + log()));
        }
        return port;
    }

    /** The first log line matching {@code pattern}, waiting for it while the server lives. */
    Optional<Matcher> awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : log) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(50);
        }
        return Optional.empty();
    }

    /**
     * {@code kill -9}: no shutdown hook, nothing flushed, nothing recorded. What the server had started itself
     * (a process runner's steps) lives on as orphans; {@link #close()} ends them.
     */
    void kill() {
        orphans.addAll(process.descendants().toList());
        process.toHandle().destroyForcibly(); // through the handle: our ends of its pipes stay open to read
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as {@code docker stop} or systemd sends it: the graceful stop. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the exit and for the rest of its output. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server did not exit within " + timeout + "; log:\n" + log());
            }
            for (Thread reader : readers) {
                reader.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    String log() {
        return String.join("\n", log);
    }

    /** Stops it as an operator would, kills it if that does not work, and ends what a killed server left running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private Thread collect(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        }, "jar-server-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
