package io.pipelinetrigger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A captured run of the CLI in this JVM: its streams, a clock that only sleeping moves, the sleeps made. */
final class Console {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final boolean terminal;
    private final Map<String, String> environment;

    private Console(boolean terminal, Map<String, String> environment) {
        this.terminal = terminal;
        this.environment = environment;
    }

    static Console pipe() {
        return new Console(false, Map.of());
    }

    static Console terminal() {
        return new Console(true, Map.of());
    }

    static Console withEnvironment(Map<String, String> environment) {
        return new Console(false, environment);
    }

    int run(String... args) {
        InstantSource clock = () -> now;
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, environment, clock, duration -> {
                    sleeps.add(duration);
                    now = now.plus(duration);
                }, question -> Optional.of("n"));
        return Cli.run(io, args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
