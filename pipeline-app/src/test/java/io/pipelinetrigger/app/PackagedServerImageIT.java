package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own image (packaging/docker) as an operator runs it: built here without a registry, started
 * with the engine's socket and a data volume, the quick start run against it, and the server's container
 * restarted while a step runs: the restarted server reattaches and records the step's true end.
 */
@ExtendWith(DockerEngineAvailable.class)
class PackagedServerImageIT {

    private static final String IMAGE = "pipeline-trigger-test/server:it";
    private static final Duration START = Duration.ofSeconds(60);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String server = "pipeline-trigger-it-server-" + suffix;
    private final String volume = "pipeline-trigger-it-data-" + suffix;
    private final Set<String> jobIds = ConcurrentHashMap.newKeySet();
    private final DockerStepGate gate = new DockerStepGate();

    @AfterEach
    void removeWhatTheTestStarted() {
        DockerCli.run("rm", "-f", server);
        DockerCli.removeContainers(jobIds, List.of());
        DockerCli.run("volume", "rm", "-f", volume);
        gate.close();
    }

    @Test
    void theImageBuildsWithoutARegistryRunsTheQuickStartAndSurvivesARestartOfItsContainerWhileAStepRuns() throws Exception {
        buildImage();
        startServer();
        JarApi api = new JarApi(awaitPort(), jobIds);

        String jobId = api.accepted("{\"pipeline\": \"full\"}");
        api.awaitOutput(jobId, "before");
        DockerCli.ok("stop", "-t", "30", server);
        assertThat(DockerCli.ok("inspect", "-f", "{{.State.ExitCode}}", server)).as("a graceful stop exits 0").isEqualTo("0");
        assertThat(DockerCli.state(RestartReattachIT.containerOf(jobId))).as("the step runs on").contains("running");

        DockerCli.ok("start", server);
        JarApi again = new JarApi(awaitPort(), jobIds);
        again.awaitJob(jobId, job -> job.path("status").asText().equals("running"), "the job still running after the restart");
        gate.open();
        JsonNode done = again.awaitFinished(jobId);

        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("exitCode").asInt()).isEqualTo(3);
        assertThat(done.path("output").asText()).contains("ingested").contains("before").contains("after");
        assertThat(DockerCli.containersLeftOfJob(jobId)).as("step containers removed once recorded").isEmpty();
    }

    private static void buildImage() throws IOException, InterruptedException {
        Process build = new ProcessBuilder("bash", Path.of("..", "packaging", "docker", "build-image.sh").toString(), IMAGE)
                .redirectErrorStream(true).start();
        String said = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).as("the image build ended").isTrue();
        assertThat(build.exitValue()).as("build-image.sh said: %s", said).isZero();
    }

    private void startServer() {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", server, "-p", "127.0.0.1::3000",
                "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", volume + ":/data"));
        Map<String, String> environment = Map.of(
                "PIPELINE_ENABLED", "true",
                "PIPELINE_INSTANCE", JarTestbed.INSTANCE,
                "PIPELINE_INGESTER_IMAGE", DockerCli.TEST_IMAGE,
                "PIPELINE_DBT_IMAGE", DockerCli.TEST_IMAGE,
                "PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingested"),
                "PIPELINE_DBT_COMMAND", JarTestbed.shell("echo before; " + DockerStepGate.AWAIT + "; echo after; exit 3"),
                "PIPELINE_DBT_VOLUMES", gate.volume());
        environment.forEach((name, value) -> run.addAll(List.of("-e", name + "=" + value)));
        run.add(IMAGE);
        DockerCli.ok(run.toArray(String[]::new));
    }

    private static boolean answersHealth(int port) {
        try {
            return new PlainClient(port, "").withoutToken().get("/healthz").status() == 200;
        } catch (RuntimeException notYet) {
            return false; // the published port is there before the server in the container listens
        }
    }

    /** The host port the engine published the server on (a new one at each start), once the server answers. */
    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            DockerCli.Result published = DockerCli.run("port", server, "3000/tcp");
            if (published.exitCode() == 0 && !published.trimmed().isEmpty()) {
                String first = published.trimmed().lines().findFirst().orElseThrow();
                int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
                if (answersHealth(port)) {
                    return port;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server's container did not answer within " + START + ": "
                + DockerCli.run("logs", server).out());
    }
}
