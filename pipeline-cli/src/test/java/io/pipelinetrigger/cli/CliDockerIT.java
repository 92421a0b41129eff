package io.pipelinetrigger.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CLI against the server's jar on the Docker runner and the real engine: a CI job's exit code is the
 * container's own, and a follow survives a kill -9 of the server, which reattaches to the running container,
 * so the CLI ends with the step's true exit code and its whole log.
 */
class CliDockerIT {

    private static final String IMAGE = "pipeline-trigger-test/busybox:1";
    private static final String INSTANCE = "cli-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path data;
    @TempDir
    Path gate;

    private final List<ServerJar> servers = new ArrayList<>();

    @BeforeAll
    static void requireEngineAndTestImage() throws Exception {
        boolean engine = docker("info").exitCode == 0;
        if (!engine && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the CLI's Docker tests must run, but no Docker engine answers;"
                    + " start one with .ci/start-docker.sh");
        }
        assumeTrue(engine, "Skipped: no Docker engine answers (start one with .ci/start-docker.sh as root)");
        if (docker("image", "inspect", IMAGE).exitCode != 0) {
            buildTestImage();
        }
    }

    @AfterEach
    void stopServersAndRemoveTheirContainers() throws Exception {
        for (ServerJar server : servers) {
            server.close();
        }
        String ids = docker("ps", "-aq", "--filter", "label=pipeline-trigger.instance=" + INSTANCE).out.strip();
        if (!ids.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("rm", "-f"));
            remove.addAll(List.of(ids.split("\\s+")));
            docker(remove.toArray(String[]::new));
        }
    }

    @Test
    void aFollowedRunExitsWithTheContainersOwnExitCodeAndPrintsItsLog() throws Exception {
        ServerJar server = server(0, "echo loading bronze; exit 0", "echo dbt says ERROR=5; exit 5");

        CliJar.Result result = CliJar.run("trigger", "full", "--follow", "--url", server.url());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(5);
        String jobId = CliJarIT.jobIdFrom(result.stderr());
        assertThat(result.stdout()).isEqualTo(CliJarIT.serverLog(server, jobId))
                .contains("loading bronze").contains("dbt says ERROR=5");
    }

    @Test
    void aFollowSurvivesAKill9OfTheServerWhichReattachesToTheRunningContainer() throws Exception {
        String dbt = "echo before the kill; until [ -f /gate/open ]; do sleep 0.2; done; echo after the restart; exit 7";
        ServerJar first = server(0, "echo ingested", dbt);
        int port = first.port();
        String jobId = CliJar.run("trigger", "dbt", "--url", first.url()).stdout().strip();
        Process follower = CliJar.start(Map.of(), "logs", jobId, "--follow", "--url", first.url());
        CliJarIT.awaitLog(first, jobId, "before the kill");

        first.kill();
        ServerJar second = server(port, "echo ingested", dbt);
        Files.writeString(gate.resolve("open"), "open\n");

        CliJar.Result result = CliJar.finish(follower);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo(CliJarIT.serverLog(second, jobId))
                .startsWith("before the kill\n").contains("after the restart\n");
    }

    private ServerJar server(int port, String ingester, String dbt) {
        Map<String, String> environment = ServerJar.processRunner(data, port, "unused", "unused");
        environment.remove("PIPELINE_INGESTER_COMMAND");
        environment.remove("PIPELINE_DBT_COMMAND");
        environment.putAll(Map.of("PIPELINE_RUNNER", "docker", "PIPELINE_INSTANCE", INSTANCE,
                "PIPELINE_INGESTER_IMAGE", IMAGE, "PIPELINE_DBT_IMAGE", IMAGE,
                "PIPELINE_INGESTER_COMMAND", CliJarIT.sh(ingester), "PIPELINE_DBT_COMMAND", CliJarIT.sh(dbt),
                "PIPELINE_DBT_VOLUMES", gate.toAbsolutePath() + ":/gate:ro"));
        ServerJar server = ServerJar.start(environment);
        servers.add(server);
        return server;
    }

    /** FROM scratch + Debian's static busybox: no registry is reachable here. */
    private static void buildTestImage() throws Exception {
        Path context = Files.createTempDirectory("busybox-image");
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        Docker built = docker("build", "-q", "-t", IMAGE, context.toString());
        assertThat(built.exitCode).as(built.out).isZero();
    }

    private record Docker(int exitCode, String out) {
    }

    private static Docker docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException noCli) {
            return new Docker(127, "no docker CLI: " + noCli.getMessage());
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        return new Docker(process.exitValue(), out);
    }
}
