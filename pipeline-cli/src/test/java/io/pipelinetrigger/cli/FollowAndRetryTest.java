package io.pipelinetrigger.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static io.pipelinetrigger.cli.FakeApiServer.view;
import static org.assertj.core.api.Assertions.assertThat;

/** --follow streams the log exactly, resumes at its offset after a drop; 429/503 are retried with backoff. */
class FollowAndRetryTest {

    private static final String LOG = "ingesting rows\nloaded 42 rows: ünïcödé\n" + "x".repeat(300) + "\ndone\n";

    private final FakeApiServer server = new FakeApiServer();
    private final String url;

    FollowAndRetryTest() throws IOException {
        url = server.url().toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void followPrintsTheServersLogByteForByteAndEndsWithASummaryOnStderr() {
        server.triggers(202, view("j1", "running", null, -1)).log("j1", LOG, 7)
                .job("j1", view("j1", "running", null, -1), view("j1", "failed", "errored", 4));
        Console console = Console.pipe();

        assertThat(console.run("trigger", "ingester", "--follow", "--url", url)).isEqualTo(4);

        assertThat(console.out()).isEqualTo(LOG);
        assertThat(console.err()).contains("started j1").contains("j1 errored, exit 4, 12s; ingester failed (4)");
    }

    @Test
    void aDroppedConnectionResumesFromTheLastOffsetWithoutLosingOrRepeatingBytes() {
        server.log("j1", LOG, 50).dropLogReads(3).job("j1", view("j1", "completed", "succeeded", 0));
        Console console = Console.pipe();

        assertThat(console.run("logs", "j1", "--follow", "--url", url)).isEqualTo(0);

        assertThat(console.out()).isEqualTo(LOG);
        assertThat(console.err()).contains("retrying").contains("the server is back; resuming the log at byte");
    }

    @Test
    void logsWithoutFollowPrintsWhatIsThereAndExits0() {
        server.log("j1", LOG, 64).job("j1", view("j1", "running", null, -1));
        Console console = Console.pipe();

        assertThat(console.run("logs", "j1", "--step", "ingester", "--url", url)).isEqualTo(0);
        assertThat(console.out()).isEqualTo(LOG);
        assertThat(server.requests.stream().filter(r -> r.path().endsWith("/log")))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("step", "ingester"));
    }

    @Test
    void a503OrA429IsRetriedWithGrowingPausesOrAsTheServerAsks() {
        server.failNext(null, 503, 429, 503).job("j1", view("j1", "completed", "succeeded", 0));
        Console console = Console.pipe();

        assertThat(console.run("status", "j1", "--url", url)).isEqualTo(0);
        assertThat(console.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));

        server.failNext("7", 429);
        Console second = Console.pipe();
        assertThat(second.run("status", "j1", "--url", url)).isEqualTo(0);
        assertThat(second.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aServerThatStaysOverloadedEndsIn69() {
        server.failNext(null, 503, 503, 503, 503, 503, 503, 503, 503);
        Console console = Console.pipe();

        assertThat(console.run("status", "j1", "--url", url)).isEqualTo(69);
    }

    @Test
    void waitingOnAServerWithoutLongPollsIsNoBusyLoop() {
        server.job("j1", view("j1", "running", null, -1), view("j1", "running", null, -1), view("j1", "running", null, -1),
                view("j1", "completed", "succeeded", 0));
        Console console = Console.pipe();

        assertThat(console.run("wait", "j1", "--url", url)).isEqualTo(0);
        // the first look is at once; each later one that came back at once is followed by a pause
        assertThat(console.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
