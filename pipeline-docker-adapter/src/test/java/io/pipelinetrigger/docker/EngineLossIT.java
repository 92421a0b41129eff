package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine goes away while a step runs: the step ends failed with a reason, never hangs, never reports a
 * clean exit. The runner talks to the engine through a proxy the test cuts or freezes, so the shared engine
 * itself is never stopped here (ZzDockerdStopIT does that, where it is allowed to).
 */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineLossIT {

    private static final JobId JOB = JobId.of("dbt-1700000000010-lost01");
    private static final StepSpec DBT = StepRun.spec(JOB, StepName.DBT);

    @TempDir
    Path directory;

    private final DockerRunners runners = new DockerRunners();
    private final List<LogChunk> chunks = new CopyOnWriteArrayList<>();
    private EngineProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = EngineProxy.inFront(directory);
    }

    @BeforeEach
    @AfterEach
    void noContainerOfThisJobIsLeft() {
        TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value());
    }

    @AfterEach
    void closeRunnersAndProxy() {
        runners.close();
        proxy.close();
    }

    @Test
    void an_engine_that_stops_mid_run_fails_the_step_with_a_reason() throws Exception {
        DockerContainerRunner runner = runnerThroughProxy(DockerRunnerConfig.DEFAULT_CONTROL_TIMEOUT);
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "started");

            proxy.cut();

            assertThat(step.awaitExit()).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
                assertThat(failed.reason()).startsWith("The Docker engine stopped answering while the dbt step ran: ")
                        .contains(proxy.dockerHost()).endsWith(".");
                assertThat(failed.exitCode()).isEqualTo(OptionalInt.empty());
            });
        }
    }

    @Test
    void a_blip_that_breaks_the_log_stream_mid_run_loses_no_output_and_keeps_the_real_exit() throws Exception {
        DockerContainerRunner runner = runners.exactly(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerRunners.shellStep("seq 1 1000; sleep 5; seq 1001 2000; exit 4"))
                .engineCheckInterval(Duration.ofMillis(500))
                .dockerHost(proxy.dockerHost())
                .instance(TestEngine.INSTANCE)
                .build());
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "\n1000\n");

            proxy.breakOpenConnections(); // the log and wait streams break; new connections still work

            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(4));
            String printed = IntStream.rangeClosed(1, 2000).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
            assertThat(Poll.text(chunks)).isEqualTo(printed);
        }
    }

    @Test
    void a_log_stream_that_ends_cleanly_at_the_exit_without_the_last_lines_loses_no_output() throws Exception {
        // Docker 20.10's follow can stop seeing new writes and still end cleanly at the exit (docs/docker.md,
        // "When the log stream breaks"); the sleep puts the later lines in chunks of their own, after the stall
        proxy.stallFirstLogFollowAfter("\n1000\n");
        DockerContainerRunner runner = runners.exactly(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerRunners.shellStep("seq 1 1000; sleep 3; seq 1001 2000; exit 4"))
                .dockerHost(proxy.dockerHost())
                .instance(TestEngine.INSTANCE)
                .build()); // the default check interval: the exit, not a check, ends the wait, so no reopen races it
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(4));
            assertThat(proxy.outputKeptBack()).as("output the first log stream kept back").isPositive();
            String printed = IntStream.rangeClosed(1, 2000).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
            assertThat(Poll.text(chunks)).isEqualTo(printed);
        }
    }

    @Test
    void an_engine_that_freezes_mid_run_is_noticed_and_fails_the_step() throws Exception {
        DockerContainerRunner runner = runnerThroughProxy(Duration.ofSeconds(1));
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "started");

            proxy.freeze();

            assertThat(step.awaitExit()).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.reason())
                    .startsWith("The Docker engine stopped answering while the dbt step ran: ")
                    .contains("no answer before the deadline"));
        }
    }

    @Test
    void the_kill_of_an_engine_shutting_down_is_not_taken_for_the_steps_own_exit() throws Exception {
        DockerContainerRunner runner = runnerThroughProxy(DockerRunnerConfig.DEFAULT_CONTROL_TIMEOUT);
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "started");

            proxy.stopListening(); // dockerd shutting down closes its socket first, still serving open connections,
            TestEngine.client().killContainerCmd(step.id()).exec(); // then stops its containers

            assertThat(step.awaitExit()).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
                assertThat(failed.reason()).startsWith("The Docker engine stopped answering while the dbt step ran: ");
                assertThat(failed.exitCode()).isEqualTo(OptionalInt.empty());
            });
        }
    }

    private DockerContainerRunner runnerThroughProxy(Duration controlTimeout) {
        return runners.exactly(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerRunners.shellStep("echo started; sleep 300"))
                .controlTimeout(controlTimeout)
                .engineCheckInterval(Duration.ofMillis(500))
                .dockerHost(proxy.dockerHost())
                .instance(TestEngine.INSTANCE)
                .build());
    }
}
