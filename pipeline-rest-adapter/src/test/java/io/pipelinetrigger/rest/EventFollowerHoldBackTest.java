package io.pipelinetrigger.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a burst lasts (docs/architecture.md, "The event stream"), a follower sends its client only heartbeats,
 * whether it is catching up from the archive or fed by the job's hub; once the burst is over it sends the whole log.
 */
class EventFollowerHoldBackTest {

    private static final String LINE = "a line of the step\n";
    private static final int LINES = 1000;

    private final PrintedLog step = new PrintedLog();
    private final JobEventHubs hubs = step.hubs(EventSources.Settings.DEFAULT.withHeartbeat(Duration.ofMillis(20)));
    private final Client client = new Client();
    private final Thread follower = new Thread(() -> new EventFollower(PrintedLog.JOB, 0, hubs).stream(client));

    @AfterEach
    void endTheStep() throws InterruptedException {
        hubs.burst().end();
        step.end();
        follower.join(30_000);
    }

    @Test
    void aFollowerCatchingUpFromTheArchiveSendsOnlyHeartbeatsWhileABurstLasts() throws InterruptedException {
        step.print(LINE.repeat(LINES));
        hubs.burst().begin();
        follower.start();

        Await.until(() -> client.heartbeats() >= 3);
        assertThat(client.text()).doesNotContain("event: log");

        hubs.burst().end();
        step.end();
        follower.join(30_000);
        assertThat(client.text()).contains("event: end");
        assertThat(client.lines()).isEqualTo(LINES);
    }

    @Test
    void aFollowerFedByTheHubHoldsItsQueuedPagesBackWhileABurstLasts() throws InterruptedException {
        follower.start();
        Await.until(() -> client.heartbeats() >= 1); // nothing to read: it joined the hub's feed and waits there
        hubs.burst().begin();

        step.print(LINE.repeat(LINES));
        Await.until(() -> step.readPast(0)); // the hub has read the lines, and hands them to the follower
        int heartbeats = client.heartbeats();
        Await.until(() -> client.heartbeats() >= heartbeats + 3);
        assertThat(client.text()).doesNotContain("event: log");

        hubs.burst().end();
        Await.until(() -> client.lines() == LINES);
    }

    /** What the client received. */
    private static final class Client extends OutputStream {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            received.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            received.write(bytes, offset, length);
        }

        synchronized String text() {
            return received.toString(StandardCharsets.UTF_8);
        }

        int heartbeats() {
            return text().split(": keep-alive", -1).length - 1;
        }

        /** How many of the step's lines came as data of log events. */
        int lines() {
            return text().split("data: " + LINE.strip(), -1).length - 1;
        }
    }
}
