package io.pipelinetrigger.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input ends with one sentence, the closest valid value and exit 64, before any request is sent. */
class BadInputTest {

    private final FakeApiServer server = new FakeApiServer();
    private final Console console = Console.pipe();

    BadInputTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        String[] withUrl = new String[args.length + 2];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = server.url().toString();
        return console.run(withUrl);
    }

    @Test
    void anUnknownPipelineIsAnsweredWithTheClosestOne() {
        assertThat(run("trigger", "ful")).isEqualTo(64);
        assertThat(console.err()).contains("unknown pipeline 'ful'").contains("did you mean 'full'?");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void anUnknownDbtCommandIsAnsweredWithTheClosestOne() {
        assertThat(run("trigger", "dbt", "--command", "dayly")).isEqualTo(64);
        assertThat(console.err()).contains("did you mean 'daily'?");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aBadDurationIsAnsweredWithTheClosestSpelling() {
        assertThat(run("trigger", "full", "--timeout", "5mins")).isEqualTo(64);
        assertThat(console.err()).contains("bad duration for --timeout '5mins'").contains("did you mean 5m?");
        assertThat(run("wait", "full-1", "--timeout", "soon")).isEqualTo(64);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aMissingJobIdIsBadUsage() {
        assertThat(run("status")).isEqualTo(64);
        assertThat(console.err()).contains("Missing required parameter: 'JOB_ID'");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void anUnknownSubcommandIsAnsweredWithTheClosestOne() {
        assertThat(console.run("trigge", "full")).isEqualTo(64);
        assertThat(console.err()).contains("did you mean 'trigger'?");
    }

    @Test
    void anUnknownOnBusyModeStatusOrStepIsBadUsage() {
        assertThat(run("trigger", "full", "--on-busy", "queu")).isEqualTo(64);
        assertThat(console.err()).contains("did you mean 'queue'?");
        assertThat(run("list", "--status", "runing")).isEqualTo(64);
        assertThat(console.err()).contains("did you mean 'running'?");
        assertThat(run("logs", "full-1", "--step", "dbd")).isEqualTo(64);
        assertThat(console.err()).contains("did you mean 'dbt'?");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aUrlThatIsNotHttpIsBadUsage() {
        assertThat(console.run("status", "full-1", "--url", "localhost:3000")).isEqualTo(64);
        assertThat(console.err()).contains("bad --url");
    }

    @Test
    void noSubcommandShowsTheUsageAndIsBadUsage() {
        assertThat(console.run()).isEqualTo(64);
        assertThat(console.err()).contains("Usage: pipeline-trigger").contains("trigger");
    }
}
