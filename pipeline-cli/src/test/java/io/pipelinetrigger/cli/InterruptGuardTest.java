package io.pipelinetrigger.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C while waiting: a person on a terminal is asked; without a terminal it only stops waiting. */
class InterruptGuardTest {

    private final FakeApiServer server = new FakeApiServer().job("j1", FakeApiServer.view("j1", "running", null, -1));

    InterruptGuardTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session session(boolean terminal, String answer) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        Io io = new Io(sink, sink, terminal, Map.of(), InstantSource.system(), duration -> { }, question -> Optional.of(answer));
        return new Session(new Api(server.url(), Optional.empty(), io.sleeper()), io, false);
    }

    @Test
    void onATerminalAYesCancelsTheRunAndSaysSo() {
        assertThat(InterruptGuard.decide(session(true, "y"), "j1")).isEqualTo("stopped waiting and asked the server to cancel j1");
        assertThat(server.requestsTo("DELETE")).hasSize(1);
    }

    @Test
    void onATerminalANoOnlyStopsWaiting() {
        assertThat(InterruptGuard.decide(session(true, "n"), "j1")).startsWith("stopped waiting; j1 goes on (not cancelled)");
        assertThat(server.requestsTo("DELETE")).isEmpty();
    }

    @Test
    void withoutATerminalNobodyIsAskedAndTheRunGoesOn() {
        assertThat(InterruptGuard.decide(session(false, "y"), "j1")).startsWith("stopped waiting; j1 goes on (not cancelled)");
        assertThat(server.requestsTo("DELETE")).isEmpty();
    }
}
