package io.pipelinetrigger.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One step container as the fake kubelet runs it: a local process (the pod's args, its env), whose output is kept as
 * CRI-style log lines, each stamped when it was written, and served the way the kubelet serves
 * {@code pods/log?timestamps=true&sinceTime=}: from the start of {@code sinceTime}'s second.
 */
final class FakeContainer {

    record Line(Instant timestamp, byte[] content) {
    }

    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private final List<ProcessHandle> family = new ArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean outOfMemory;

    private FakeContainer(Process process, Predicate<String> killsForMemory) {
        this.process = process;
        this.reader = new Thread(() -> read(killsForMemory), "fake-kubelet-log-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(this::exited);
    }

    static FakeContainer start(List<String> argv, Map<String, String> env, Predicate<String> killsForMemory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true); // one stream, as the log API serves it
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        return new FakeContainer(builder.start(), killsForMemory);
    }

    /** What the kubelet does on a pod's deletion: SIGTERM to PID 1 now, SIGKILL to everything once the grace is over. */
    void terminate(long graceSeconds) {
        synchronized (family) {
            process.descendants().forEach(family::add);
        }
        process.destroy();
        CompletableFuture.delayedExecutor(graceSeconds * 1000 + 1, TimeUnit.MILLISECONDS).execute(this::kill);
    }

    void kill() {
        synchronized (family) {
            process.descendants().forEach(family::add);
            family.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    /** Completes with the exit code once the process has ended and all of its output is kept. */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    boolean outOfMemory() {
        return outOfMemory;
    }

    /** The lines from the start of {@code since}'s second, each as {@code <RFC 3339 nano> <content>} when stamped. */
    byte[] log(Optional<Instant> since, boolean timestamps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<Instant> from = since.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
        synchronized (lines) {
            for (Line line : lines) {
                if (from.isPresent() && line.timestamp().isBefore(from.get())) {
                    continue;
                }
                if (timestamps) {
                    out.writeBytes((line.timestamp() + " ").getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes(line.content());
            }
        }
        return out.toByteArray();
    }

    private void read(Predicate<String> killsForMemory) {
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                line.write(b);
                if (b == '\n') {
                    keep(line.toByteArray());
                    if (killsForMemory.test(line.toString(StandardCharsets.UTF_8))) {
                        outOfMemory = true;
                        kill();
                    }
                    line.reset();
                }
            }
            if (line.size() > 0) {
                keep(line.toByteArray()); // the last output had no newline: the runtime writes it at EOF
            }
        } catch (IOException e) {
            // the process was killed: what was read is kept
        }
    }

    private void keep(byte[] content) {
        synchronized (lines) {
            lines.add(new Line(Instant.now(), content));
        }
    }

    private void exited() {
        // PID 1 gone: the runtime kills the rest of the container. Not Process.destroy*: on the process itself it
        // would close its output stream while the reader still drains it, and lose the last lines
        synchronized (family) {
            process.descendants().forEach(family::add);
            family.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exit.complete(process.exitValue());
    }
}
