package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.pipelinetrigger.cli.FakeApiServer.view;
import static org.assertj.core.api.Assertions.assertThat;

/** trigger, wait, status, cancel and list against a double of the server: requests sent, exit codes, output. */
class TriggerAndWaitTest {

    private final FakeApiServer server = new FakeApiServer();
    private final Console console = Console.pipe();
    private final String url;

    TriggerAndWaitTest() throws IOException {
        url = server.url().toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "a run that ends {0} exits {2}")
    @CsvSource({"completed,succeeded,0,0", "failed,errored,3,3", "failed,timed_out,-1,124", "cancelled,cancelled,-1,130", "failed,failed,-1,70"})
    void triggerWaitExitsWithTheRunsResult(String status, String outcome, int jobExit, int expected) {
        server.triggers(202, view("j1", "running", null, -1))
                .job("j1", view("j1", "running", null, -1), view("j1", status, outcome, jobExit));

        assertThat(console.run("trigger", "ingester", "--wait", "--url", url)).isEqualTo(expected);

        assertThat(console.out()).startsWith("j1 " + outcome + ", exit " + expected + ", 12s; ingester " + status);
        assertThat(server.requestsTo("GET")).allSatisfy(get -> assertThat(get.query()).containsEntry("output", "false"));
        assertThat(server.requestsTo("GET").subList(1, server.requestsTo("GET").size()))
                .isNotEmpty().allSatisfy(get -> assertThat(get.query()).containsEntry("wait", "30"));
    }

    @Test
    void theTriggerBodyCarriesOnlyWhatWasGiven() throws Exception {
        server.triggers(202, view("j1", "running", null, -1));

        assertThat(console.run("trigger", "dbt", "--command", "build", "--no-openlineage", "--elementary",
                "--timeout", "1h30m", "--on-busy", "queue", "--idempotency-key", "ci-42", "--url", url)).isEqualTo(0);

        FakeApiServer.Request post = server.requestsTo("POST").get(0);
        assertThat(new ObjectMapper().readTree(post.body())).isEqualTo(new ObjectMapper().readTree(
                "{\"pipeline\":\"dbt\",\"command\":\"build\",\"enableOpenlineage\":false,\"enableElementary\":true,"
                        + "\"timeoutSeconds\":5400,\"onBusy\":\"queue\"}"));
        assertThat(post.headers().get("Idempotency-key")).containsExactly("ci-42");
        assertThat(console.out()).isEqualTo("j1\n");

        console.run("trigger", "full", "--url", url);
        assertThat(server.requestsTo("POST").get(1).body()).isEqualTo("{\"pipeline\":\"full\"}");
    }

    @Test
    void theTokenComesFromTheEnvironmentOrAFile() throws Exception {
        server.triggers(202, view("j1", "running", null, -1));
        Console withToken = Console.withEnvironment(Map.of("PIPELINE_TOKEN", "from-env-0123456789", "PIPELINE_URL", url));
        withToken.run("trigger", "full");
        assertThat(server.requests.get(0).headers().get("Authorization")).containsExactly("Bearer from-env-0123456789");

        java.nio.file.Path file = java.nio.file.Files.createTempFile("token", ".txt");
        java.nio.file.Files.writeString(file, "# rotated monthly\nfrom-file-0123456789\n");
        console.run("trigger", "full", "--token-file", file.toString(), "--url", url);
        assertThat(server.requests.get(1).headers().get("Authorization")).containsExactly("Bearer from-file-0123456789");
    }

    @ParameterizedTest(name = "a trigger refused with {0} exits {1}")
    @CsvSource({"409,75", "400,64", "401,77", "403,77", "500,69"})
    void aRefusedTriggerExitsWithItsCode(int status, int expected) {
        server.triggers(status, "{\"success\":false,\"error\":\"no, because " + status + "\",\"runningJobId\":\"j0\"}");

        assertThat(console.run("trigger", "full", "--url", url)).isEqualTo(expected);
        assertThat(console.err()).contains("the server refused (" + status + "): no, because " + status);
    }

    @Test
    void anUnreachableServerExits69() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(console.run("status", "j1", "--url", "http://127.0.0.1:" + closedPort)).isEqualTo(69);
        assertThat(console.err()).contains("cannot reach the server at http://127.0.0.1:" + closedPort);
    }

    @Test
    void onBusyAttachFollowsTheActiveRunInstead() {
        server.triggers(409, "{\"success\":false,\"error\":\"busy\",\"runningJobId\":\"j0\"}")
                .job("j0", view("j0", "completed", "succeeded", 0));

        assertThat(console.run("trigger", "full", "--on-busy", "attach", "--wait", "--url", url)).isEqualTo(0);
        assertThat(console.err()).contains("attaching to j0");
        assertThat(server.requestsTo("POST").get(0).body()).doesNotContain("onBusy");
    }

    @Test
    void waitGivesUpAfterItsTimeoutWith124AndTheRunGoesOn() {
        server.job("j1", view("j1", "running", null, -1));

        assertThat(console.run("wait", "j1", "--timeout", "5s", "--url", url)).isEqualTo(124);
        assertThat(console.err()).contains("j1 is still running after 5s; it goes on");
        assertThat(server.requestsTo("DELETE")).isEmpty();
    }

    @Test
    void statusOfAnEndedJobExitsWithItsResultAndOfARunningOne0() {
        server.job("j1", view("j1", "failed", "errored", 2)).job("j2", view("j2", "running", null, -1));

        assertThat(console.run("status", "j1", "--url", url)).isEqualTo(2);
        assertThat(console.run("status", "j2", "--url", url)).isEqualTo(0);
        assertThat(console.run("status", "nope", "--url", url)).isEqualTo(64);
    }

    @Test
    void cancelWaitExits130() {
        server.job("j1", view("j1", "cancelled", "cancelled", -1));

        assertThat(console.run("cancel", "j1", "--wait", "--url", url)).isEqualTo(130);
        assertThat(server.requestsTo("DELETE")).hasSize(1);
    }

    @Test
    void jsonIsTheServersJsonAsItIs() throws Exception {
        String running = view("j1", "running", null, -1);
        server.triggers(202, running).job("j1", view("j1", "completed", "succeeded", 0))
                .lists("{\"success\":true,\"jobs\":[" + running + "]}");

        console.run("trigger", "full", "--json", "--url", url);
        console.run("list", "--json", "--url", url);
        console.run("wait", "j1", "--json", "--url", url);

        String[] lines = console.out().split("\n");
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0])).isEqualTo(json.readTree(running));
        assertThat(json.readTree(lines[1]).path("jobs")).hasSize(1);
        JsonNode ended = json.readTree(lines[2]);
        assertThat(ended.path("outcome").asText()).isEqualTo("succeeded");
    }

    @Test
    void listSendsFiltersOnlyWhenGivenAndAppliesThemItself() {
        server.lists("{\"success\":true,\"jobs\":[" + view("a", "running", null, -1) + "," + view("b", "completed", "succeeded", 0) + "]}");

        console.run("list", "--url", url);
        console.run("list", "--status", "completed", "--limit", "5", "--url", url);

        assertThat(server.requests.get(0).query()).isEmpty();
        assertThat(server.requests.get(1).query()).containsExactly(Map.entry("status", "completed"), Map.entry("limit", "5"));
        String second = console.out().substring(console.out().lastIndexOf("JOB ID"));
        assertThat(second).contains("b ").doesNotContain("a  ");
    }
}
