package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** After a restart, a new runner finds the step's container again, whatever state it is in, and follows it. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerRecoveryIT {

    private static final JobId JOB = JobId.of("dbt-1700000000007-recov1");
    private static final StepSpec DBT = StepRun.spec(JOB, StepName.DBT);
    private static final String CONTAINER = "pipeline-" + TestEngine.INSTANCE + ".dbt-" + JOB.value();

    private final DockerRunners runners = new DockerRunners();
    private final List<LogChunk> chunks = new CopyOnWriteArrayList<>();

    @BeforeEach
    @AfterEach
    void noContainerOfThisJobIsLeft() {
        TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value());
    }

    @AfterEach
    void closeRunners() {
        runners.close();
    }

    @Test
    void a_new_runner_reattaches_to_a_running_container_and_gets_its_whole_output_and_exit_code(@TempDir Path gate)
            throws Exception {
        gate.toFile().setReadable(true, false);
        // the step waits for the test to open the gate, so "still running" needs no timing
        DockerStepConfig gated = DockerRunners.shellStep("echo one; until [ -e /gate/open ]; do sleep 0.1; done; echo two; exit 3")
                .withBinds(List.of(gate + ":/gate:ro"));
        DockerContainerRunner before = runners.with(DockerRunnerConfig.builder().step(StepName.DBT, gated));
        List<LogChunk> seenBefore = new CopyOnWriteArrayList<>();
        RunningStep first = StepRun.started(before, DBT, seenBefore::add);
        Poll.untilOutputContains(seenBefore, "one");
        CompletableFuture<StepOutcome> blockedInAwait = CompletableFuture.supplyAsync(() -> awaitQuietly(first));

        first.detach();
        StepOutcome whenDetached = blockedInAwait.get(60, TimeUnit.SECONDS);
        before.close(); // the server before the restart is gone

        assertThat(whenDetached).as("a detached wait returns while the step still runs").isInstanceOf(StepOutcome.Failed.class);
        assertThat(Poll.state(first.id()).getRunning()).as("detaching leaves the container running").isTrue();
        DockerContainerRunner after = runners.with(DockerRunnerConfig.builder().step(StepName.DBT, gated));
        RecoveredStep found = after.recover(DBT, Optional.of(first.id()), chunks::add);

        assertThat(found).isInstanceOf(RecoveredStep.Reattached.class);
        try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
            Poll.untilOutputContains(chunks, "one");
            Files.createFile(gate.resolve("open"));
            assertThat(again.awaitExit()).isEqualTo(new StepOutcome.Exited(3));
            assertThat(again.id()).as("the same container, not a new one").isEqualTo(first.id());
            assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value())).hasSize(1);
        }
        assertThat(Poll.text(chunks)).as("the whole log, replayed from the start").isEqualTo("one\ntwo\n");
        assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value()))
                .as("closing the reattached step removes its container").isEmpty();
    }

    @Test
    void an_exited_container_gives_its_output_and_exit_code_as_the_engine_kept_them() throws Exception {
        RunningStep first = StepRun.started(runners.running(StepName.DBT, "echo out; echo err >&2; exit 5"), DBT, chunk -> { });
        first.detach();
        Poll.untilExited(first.id());

        RecoveredStep found = runners.running(StepName.DBT, "exit 0").recover(DBT, Optional.empty(), chunks::add);

        assertThat(found).isInstanceOf(RecoveredStep.Reattached.class);
        try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
            assertThat(again.awaitExit()).isEqualTo(new StepOutcome.Exited(5));
        }
        StepRun run = new StepRun(new StepOutcome.Exited(5), chunks);
        assertThat(run.text(LogStream.STDOUT)).isEqualTo("out\n");
        assertThat(run.text(LogStream.STDERR)).isEqualTo("err\n");
    }

    @Test
    void a_container_created_but_never_started_is_started_and_followed() throws Exception {
        DockerStepConfig step = DockerRunners.shellStep("echo ran after the restart; exit 4");
        DockerRunnerConfig config = DockerRunnerConfig.builder().dockerHost(TestEngine.dockerHost()).step(StepName.DBT, step).build();
        try (DockerEngine engine = DockerEngine.connect(config)) {
            engine.create(ContainerPlan.of(DBT, step, Optional.empty(), TestEngine.INSTANCE)); // the server died before start
        }
        assertThat(Poll.state(CONTAINER).getStatus()).isEqualTo("created");

        RecoveredStep found = runners.with(DockerRunnerConfig.builder().step(StepName.DBT, step))
                .recover(DBT, Optional.empty(), chunks::add);

        assertThat(found).isInstanceOf(RecoveredStep.Reattached.class);
        try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
            assertThat(again.awaitExit()).isEqualTo(new StepOutcome.Exited(4));
        }
        assertThat(Poll.text(chunks)).isEqualTo("ran after the restart\n");
    }

    @Test
    void no_container_is_gone_with_a_reason() {
        RecoveredStep found = runners.running(StepName.DBT, "exit 0")
                .recover(DBT, Optional.of("0123456789ab"), chunks::add);

        assertThat(found).isInstanceOfSatisfying(RecoveredStep.Gone.class, gone -> assertThat(gone.reason())
                .startsWith("The container of the dbt step (" + CONTAINER + ") was not found after the restart"));
    }

    @Test
    void a_container_with_our_name_but_not_our_labels_is_not_reattached() {
        String stranger = TestEngine.client().createContainerCmd(TestEngine.IMAGE).withName(CONTAINER)
                .withCmd("true").withLabels(Map.of(ContainerPlan.JOB_ID_LABEL, "dbt-1700000000007-other1")).exec().getId();
        try {
            RecoveredStep found = runners.running(StepName.DBT, "exit 0").recover(DBT, Optional.empty(), chunks::add);

            assertThat(found).isInstanceOfSatisfying(RecoveredStep.Gone.class,
                    gone -> assertThat(gone.reason()).contains("does not carry the labels"));
            assertThat(Poll.state(stranger).getStatus()).as("someone else's container is left alone").isEqualTo("created");
        } finally {
            TestEngine.client().removeContainerCmd(stranger).withForce(true).exec();
        }
    }

    private static StepOutcome awaitQuietly(RunningStep step) {
        try {
            return step.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
