package io.pipelinetrigger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server, {@code java -jar pipeline-app.jar}, as a child process with only the environment a test
 * gives it (the machine's own PIPELINE_* must not leak in). {@link #kill()} is {@code kill -9}.
 */
final class ServerJar implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("pipeline-trigger listening on http://\\S+:(\\d+)");

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final int port;

    private ServerJar(Process process) {
        this.process = process;
        collect(process.getInputStream());
        collect(process.getErrorStream());
        this.port = awaitPort();
    }

    /** The process runner with these step commands, on {@code port} (0: any free one) and its own data. */
    static Map<String, String> processRunner(Path dataDir, int port, String ingester, String dbt) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PIPELINE_ENABLED", "true");
        environment.put("PIPELINE_RUNNER", "process");
        environment.put("HOST", "127.0.0.1");
        environment.put("PORT", Integer.toString(port));
        environment.put("PIPELINE_DATA_DIR", dataDir.toString());
        environment.put("PIPELINE_INGESTER_COMMAND", ingester);
        environment.put("PIPELINE_DBT_COMMAND", dbt);
        return environment;
    }

    static ServerJar start(Map<String, String> environment, String... args) {
        Path jar = Path.of(System.getProperty("pipeline.app.jar", "../pipeline-app/target/pipeline-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw verify`, which packages it first");
        }
        List<String> command = new java.util.ArrayList<>(List.of(CliJar.java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PIPELINE_") || name.startsWith("ENABLE_")
                || name.startsWith("DEMO_") || name.equals("HOST") || name.equals("PORT") || name.equals("DOCKER_HOST"));
        builder.environment().putAll(environment);
        try {
            return new ServerJar(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String log() {
        return String.join("\n", log);
    }

    /** {@code kill -9}, and the local steps it started with it (they would hold the port's job otherwise). */
    void kill() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private int awaitPort() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : log) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the server did not say it listens; its log:\n" + log());
    }

    private void collect(InputStream stream) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.add(line);
                }
            } catch (IOException ignored) {
                // the server is gone; what was read is kept
            }
        }, "server-log");
        reader.setDaemon(true);
        reader.start();
    }
}
