package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine stopped while a step runs (SIGTERM to dockerd): the step ends failed with a reason. This
 * stops the machine's shared engine, so it runs only when asked ({@code PIPELINE_IT_STOP_DOCKERD=true}, on a
 * machine nothing else uses the engine of, e.g. CI), only against a local dockerd, and always starts the
 * engine again with {@code .ci/start-docker.sh}. Named to run after every other Docker test.
 */
@DockerEngineTest
@EnabledIfEnvironmentVariable(named = "PIPELINE_IT_STOP_DOCKERD", matches = "true",
        disabledReason = "stops the shared Docker engine; set PIPELINE_IT_STOP_DOCKERD=true where nothing else uses it")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ZzDockerdStopIT {

    private static final JobId JOB = JobId.of("dbt-1700000000011-stop01");
    private static final StepSpec DBT = StepRun.spec(JOB, StepName.DBT);
    private static final Path PID_FILE = Path.of("/var/run/docker.pid");

    private final List<LogChunk> chunks = new CopyOnWriteArrayList<>();

    @Test
    void a_step_whose_engine_is_stopped_mid_run_ends_failed_with_a_reason() throws Exception {
        Assumptions.assumeTrue(DockerRunnerConfig.DEFAULT_DOCKER_HOST.equals(TestEngine.dockerHost()),
                "the engine is not the local default socket");
        Assumptions.assumeTrue(Files.isReadable(PID_FILE), "no local dockerd pid file");
        Path startScript = startScript();
        ProcessHandle dockerd = ProcessHandle.of(Long.parseLong(Files.readString(PID_FILE).trim())).orElseThrow();
        try (DockerRunners runners = new DockerRunners()) {
            DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                    .step(StepName.DBT, DockerRunners.shellStep("echo started; sleep 300"))
                    .controlTimeout(Duration.ofSeconds(5))
                    .engineCheckInterval(Duration.ofSeconds(2)));
            RunningStep step = StepRun.started(runner, DBT, chunks::add);
            Poll.untilOutputContains(chunks, "started");
            StepOutcome outcome;
            try {
                assertThat(dockerd.destroy()).as("SIGTERM sent to dockerd").isTrue();
                outcome = step.awaitExit();
                step.close();
            } finally {
                restartEngine(dockerd, startScript);
            }

            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.reason())
                    .startsWith("The Docker engine stopped answering while the dbt step ran: "));
        } finally {
            TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value());
        }
    }

    /** Waits for the old dockerd to be gone, then starts one, then waits until it answers. */
    private static void restartEngine(ProcessHandle oldDockerd, Path startScript) throws Exception {
        oldDockerd.onExit().get(90, TimeUnit.SECONDS);
        Path log = Files.createTempFile("start-docker", ".log");
        Process start = new ProcessBuilder("bash", startScript.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
            throw new IllegalStateException("could not start the Docker engine again: " + Files.readString(log));
        }
        Poll.until("the Docker engine answers again", () -> TestEngine.whyUnavailable().isEmpty());
    }

    private static Path startScript() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(".ci/start-docker.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IOException(".ci/start-docker.sh not found above " + Path.of("").toAbsolutePath());
    }
}
