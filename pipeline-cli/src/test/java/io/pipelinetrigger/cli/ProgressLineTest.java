package io.pipelinetrigger.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.pipelinetrigger.cli.FakeApiServer.view;
import static org.assertj.core.api.Assertions.assertThat;

/** On a terminal one line redrawn in place; elsewhere plain lines and no control character at all. */
class ProgressLineTest {

    private final FakeApiServer server = new FakeApiServer();

    ProgressLineTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void scriptARun() {
        server.triggers(202, view("j1", "running", null, -1)).log("j1", "hello\n", 100)
                .job("j1", view("j1", "running", null, -1), view("j1", "running", null, -1), view("j1", "completed", "succeeded", 0));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceWithStepElapsedTimeAndLogSize() {
        scriptARun();
        Console console = Console.terminal();

        assertThat(console.run("trigger", "ingester", "--wait", "--url", server.url().toString())).isEqualTo(0);

        assertThat(console.err()).contains("\r\u001b[Kj1  ingester running  ").contains("6 B of log");
        assertThat(console.out()).startsWith("j1 succeeded, exit 0");
    }

    @Test
    void withoutATerminalThereArePlainLinesOnly() {
        scriptARun();
        Console console = Console.pipe();

        assertThat(console.run("trigger", "ingester", "--wait", "--url", server.url().toString())).isEqualTo(0);

        assertThat(console.err() + console.out()).doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
        assertThat(console.err()).contains("j1: ingester running\n");
        assertThat(server.requests.stream().filter(r -> r.path().endsWith("/log"))).isEmpty();
    }
}
