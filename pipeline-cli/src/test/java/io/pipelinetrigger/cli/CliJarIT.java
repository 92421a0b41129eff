package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The CLI's jar against the server's jar (process runner): every exit code from a real run or a real
 * refusal, --follow's output against the server's own log, a follow through kill -9 and a restart, the
 * progress line under a pseudo-terminal ({@code script}) and its absence without one, --json that parses.
 */
class CliJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_DBT = sh("echo dbt");

    @TempDir
    Path data;

    private final List<ServerJar> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (ServerJar server : servers) {
            server.close();
        }
    }

    private ServerJar server(Map<String, String> environment, String... args) {
        ServerJar server = ServerJar.start(environment, args);
        servers.add(server);
        return server;
    }

    private ServerJar processServer(String ingester) {
        return server(ServerJar.processRunner(data, 0, ingester, NO_DBT));
    }

    static String sh(String script) {
        return "sh -c '" + script + "'";
    }

    @Test
    void aSucceededFollowExits0AndPrintsExactlyTheServersLog() throws Exception {
        Map<String, String> environment = ServerJar.processRunner(data, 0, "unused", "unused");
        environment.put("DEMO_STEP_SECONDS", "0.3");
        ServerJar server = server(environment, "--demo");

        CliJar.Result result = CliJar.run("trigger", "full", "--follow", "--url", server.url());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(0);
        String jobId = jobIdFrom(result.stderr());
        assertThat(result.stdout()).isEqualTo(serverLog(server, jobId)).contains("simulated dlt ingester");
        assertThat(result.stderr()).containsPattern(jobId + " succeeded, exit 0, \\d+s; ingester completed \\(0\\), dbt completed \\(0\\)\n$");
    }

    @Test
    void anErroredRunExitsWithTheStepsOwnCode() {
        ServerJar server = processServer(sh("echo broken input; exit 3"));

        CliJar.Result result = CliJar.run("trigger", "ingester", "--wait", "--url", server.url());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
        assertThat(result.stdout()).contains("errored, exit 3");
    }

    @Test
    void aTimedOutRunExits124() {
        ServerJar server = processServer(sh("echo slow; exec sleep 60"));

        CliJar.Result result = CliJar.run("trigger", "ingester", "--timeout", "1s", "--wait", "--url", server.url());

        assertThat(result.exitCode()).as(result.stderr() + result.stdout()).isEqualTo(124);
        assertThat(result.stdout()).contains("timed_out, exit 124");
    }

    @Test
    void aCancelledRunExits130ForTheWaiterAndTheCanceller_andATriggerMeanwhileIsBusy75() throws Exception {
        ServerJar server = processServer(sh("echo working; exec sleep 60"));
        String jobId = CliJar.run("trigger", "ingester", "--url", server.url()).stdout().trim();
        Process waiter = CliJar.start(Map.of(), "wait", jobId, "--url", server.url());

        CliJar.Result busy = CliJar.run("trigger", "full", "--url", server.url());
        assertThat(busy.exitCode()).as(busy.stderr()).isEqualTo(75);
        assertThat(busy.stderr()).contains("the server refused (409)");

        CliJar.Result cancel = CliJar.run("cancel", jobId, "--wait", "--url", server.url());
        assertThat(cancel.exitCode()).as(cancel.stderr()).isEqualTo(130);
        assertThat(CliJar.finish(waiter).exitCode()).isEqualTo(130);
    }

    @Test
    void aRunFailedByTheInfrastructureExits70() {
        ServerJar server = processServer("/nonexistent/ingester");

        CliJar.Result result = CliJar.run("trigger", "ingester", "--wait", "--json", "--url", server.url());

        assertThat(result.exitCode()).as(result.stderr() + result.stdout()).isEqualTo(70);
        assertThat(result.stdout()).contains("\"outcome\":\"failed\"");
    }

    @Test
    void refusalsAndAMissingServerExitWithTheirCodes() throws Exception {
        Map<String, String> environment = ServerJar.processRunner(data, 0, sh("echo ok"), NO_DBT);
        environment.put("PIPELINE_API_TOKEN", "a-token-of-sufficient-length-0123456789");
        ServerJar server = server(environment);

        assertThat(CliJar.run("status", "full-1", "--url", server.url()).exitCode()).isEqualTo(77);
        CliJar.Result unknownJob = CliJar.run(Map.of("PIPELINE_TOKEN", "a-token-of-sufficient-length-0123456789"),
                "status", "full-1", "--url", server.url());
        assertThat(unknownJob.exitCode()).as(unknownJob.stderr()).isEqualTo(64);
        CliJar.Result succeeded = CliJar.run(Map.of("PIPELINE_TOKEN", "a-token-of-sufficient-length-0123456789",
                "PIPELINE_URL", server.url()), "trigger", "ingester", "--wait");
        assertThat(succeeded.exitCode()).as(succeeded.stderr()).isEqualTo(0);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliJar.Result unreachable = CliJar.run("list", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).isEqualTo(69);
        assertThat(unreachable.stderr()).contains("cannot reach the server");

        CliJar.Result badUsage = CliJar.run("trigger", "fulll", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(badUsage.exitCode()).isEqualTo(64);
        assertThat(badUsage.stderr()).isEqualTo("pipeline-trigger: unknown pipeline 'fulll': did you mean 'full'? (one of ingester, dbt, full)\n");
    }

    @Test
    void aFollowSurvivesAKill9AndARestartOfTheServer() throws Exception {
        String ingester = sh("echo before the kill; exec sleep 60");
        ServerJar first = processServer(ingester);
        int port = first.port();
        String jobId = CliJar.run("trigger", "ingester", "--url", first.url()).stdout().trim();
        Process follower = CliJar.start(Map.of(), "logs", jobId, "--follow", "--url", first.url());
        awaitLog(first, jobId, "before the kill");

        first.kill();
        Thread.sleep(1_500); // the follower finds the server gone and retries
        ServerJar second = server(ServerJar.processRunner(data, port, ingester, NO_DBT));

        CliJar.Result result = CliJar.finish(follower);
        // a local process cannot be reattached: the restarted server records the job failed, and says why
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(70);
        assertThat(result.stderr()).contains("the server is back")
                .containsPattern(jobId + " failed, exit 70, .*interrupted by a server restart");
        assertThat(result.stdout()).isEqualTo(serverLog(second, jobId)).startsWith("before the kill\n");
    }

    @Test
    void theProgressLineIsDrawnUnderAPseudoTerminalAndNeverWithout() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeThat(Files.isExecutable(script)).as("script(1) from bsdutils").isTrue();
        ServerJar server = processServer(sh("echo step output; sleep 3; echo done"));

        String command = String.join(" ", CliJar.command("trigger", "ingester", "--wait", "--url", server.url()));
        ProcessBuilder underPty = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null");
        underPty.redirectErrorStream(true);
        underPty.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process pty = underPty.start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        pty.getInputStream().transferTo(seen);
        assertThat(pty.waitFor()).isEqualTo(0);
        String terminal = seen.toString(StandardCharsets.UTF_8);
        assertThat(terminal).contains("\r\u001b[K").containsPattern("ingester running {2}\\ds {2}\\d+ B of log");

        CliJar.Result piped = CliJar.run("trigger", "ingester", "--wait", "--url", server.url());
        assertThat(piped.exitCode()).as(piped.stderr()).isEqualTo(0);
        assertThat(piped.stdout() + piped.stderr()).doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f]")
                .contains(": ingester running\n");
    }

    @Test
    void jsonOutputParsesAndIsTheServersView() throws Exception {
        ServerJar server = processServer(sh("echo ok"));

        JsonNode accepted = JSON.readTree(CliJar.run("trigger", "ingester", "--json", "--url", server.url()).stdout());
        String jobId = accepted.path("jobId").asText();
        JsonNode ended = JSON.readTree(CliJar.run("wait", jobId, "--json", "--url", server.url()).stdout());
        JsonNode status = JSON.readTree(CliJar.run("status", jobId, "--json", "--url", server.url()).stdout());
        JsonNode list = JSON.readTree(CliJar.run("list", "--json", "--url", server.url()).stdout());

        assertThat(accepted.path("status").asText()).isIn("running", "queued", "completed");
        assertThat(ended.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("jobId").asText()).isEqualTo(jobId);
        assertThat(list.path("jobs").findValuesAsText("jobId")).contains(jobId);
    }

    static String jobIdFrom(String stderr) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("started (\\S+)").matcher(stderr);
        assertThat(matcher.find()).as(stderr).isTrue();
        return matcher.group(1);
    }

    /** The server's own log of the job, read page by page with a plain client. */
    static String serverLog(ServerJar server, String jobId) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + Api.PATH
                    + "/log?jobId=" + jobId + "&offset=" + offset)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(page.statusCode()).isEqualTo(200);
            log.write(page.body());
            offset = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
            if (!page.headers().firstValue("X-Log-More").orElse("false").equals("true") || page.body().length == 0) {
                return log.toString(StandardCharsets.UTF_8);
            }
        }
    }

    static void awaitLog(ServerJar server, String jobId, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            String view = http.send(HttpRequest.newBuilder(URI.create(server.url() + Api.PATH + "?jobId=" + jobId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (view.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job's output never showed '" + text + "'");
    }
}
