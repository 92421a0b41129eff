package io.pipelinetrigger.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a command touches outside itself, so tests hand in their own: the streams, whether a person
 * watches a terminal, the environment, time, sleeping, and the question asked on Ctrl-C.
 */
record Io(PrintStream out, PrintStream err, boolean terminal, Map<String, String> environment,
          InstantSource clock, Sleeper sleeper, Function<String, Optional<String>> ask) {

    /** Waiting, replaceable in tests so that backoff costs no real time. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(ask, "ask");
    }

    /** The real process: a terminal when the JVM has a console (stdin and stdout are one) and TERM is not dumb. */
    static Io system() {
        java.io.Console console = System.console();
        boolean terminal = console != null && !"dumb".equals(System.getenv("TERM"));
        Function<String, Optional<String>> ask = question -> {
            if (console == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readLine("%s", question));
        };
        return new Io(System.out, System.err, terminal, System.getenv(), InstantSource.system(),
                duration -> Thread.sleep(duration.toMillis()), ask);
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
