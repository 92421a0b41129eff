package io.pipelinetrigger.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The container a step runs in: name, labels, environment, binds, limits, stop signal, init, clean-up. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerContainerShapeIT {

    private static final JobId JOB = JobId.of("dbt-1700000000003-shape1");
    private static final String DBT_CONTAINER = "pipeline-" + TestEngine.INSTANCE + ".dbt-" + JOB.value();

    private final DockerRunners runners = new DockerRunners();
    private final StringBuffer output = new StringBuffer();

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
    void the_container_carries_name_labels_environment_binds_limit_stop_signal_and_init(@TempDir Path profiles) throws Exception {
        Files.writeString(profiles.resolve("profiles.yml"), "target: prod\n");
        profiles.toFile().setReadable(true, false);
        DockerStepConfig dbt = DockerRunners.shellStep("cat /profiles/profiles.yml; echo \"warehouse=$WAREHOUSE step=$PIPELINE_STEP arg=$0\"")
                .withEnvironment(Map.of("WAREHOUSE", "lakehouse", "PIPELINE_STEP", "operator-must-not-win"))
                .withBinds(List.of(profiles + ":/profiles:ro"))
                .withMemoryLimitBytes(64L * 1024 * 1024);
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder().step(StepName.DBT, dbt));

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT, Map.of("PIPELINE_STEP", "dbt"), List.of("daily")), this::collect)) {
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(0));
            InspectContainerResponse container = TestEngine.client().inspectContainerCmd(step.id()).exec();

            assertThat(container.getName()).isEqualTo("/" + DBT_CONTAINER);
            assertThat(container.getConfig().getLabels())
                    .containsEntry("pipeline-trigger.job-id", JOB.value())
                    .containsEntry("pipeline-trigger.step", "dbt");
            HostConfig host = container.getHostConfig();
            assertThat(host.getInit()).isTrue();
            assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
            assertThat(host.getAutoRemove()).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(output.toString()).isEqualTo("target: prod\nwarehouse=lakehouse step=dbt arg=daily\n");
        assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value()))
                .as("closing the step removes its container").isEmpty();
    }

    @Test
    void a_stop_sends_sigint_through_init_to_the_steps_whole_process_group() throws Exception {
        // the script runs dbt's stand-in as a child, as an image's wrapper script would
        DockerContainerRunner runner = runners.running(StepName.DBT,
                "sh -c 'trap \"echo dbt-cancelled-its-queries; exit 2\" INT; echo started; while true; do sleep 0.1; done'; echo wrapper-done");

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), this::collect)) {
            awaitOutput("started");
            step.stop(Duration.ofSeconds(30));
            StepOutcome outcome = step.awaitExit();

            assertThat(output.toString()).contains("dbt-cancelled-its-queries");
            assertThat(outcome).isNotEqualTo(new StepOutcome.Exited(0));
        }
    }

    @Test
    void a_create_that_meets_its_own_earlier_container_adopts_it_instead_of_making_a_second() throws Exception {
        String earlier = TestEngine.client().createContainerCmd(TestEngine.IMAGE)
                .withName(DBT_CONTAINER)
                .withCmd("sh", "-c", "echo from-the-earlier-create")
                .withLabels(Map.of("pipeline-trigger.job-id", JOB.value(), "pipeline-trigger.step", "dbt",
                        ContainerPlan.INSTANCE_LABEL, TestEngine.INSTANCE))
                .exec().getId();
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo from-a-second-container");

        StepRun run;
        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), this::collect)) {
            assertThat(step.id()).isEqualTo(earlier);
            run = new StepRun(step.awaitExit(), List.of());
        }

        assertThat(run.outcome()).isEqualTo(new StepOutcome.Exited(0));
        assertThat(output.toString()).isEqualTo("from-the-earlier-create\n");
    }

    @Test
    void the_container_id_is_told_right_after_create_before_the_step_runs() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo ran");
        List<String> stateWhenTold = new ArrayList<>();
        List<String> toldIds = new ArrayList<>();

        try (RunningStep step = runner.start(StepRun.spec(JOB, StepName.DBT), this::collect, containerId -> {
            toldIds.add(containerId);
            stateWhenTold.add(TestEngine.client().inspectContainerCmd(containerId).exec().getState().getStatus());
            return true;
        }).orElseThrow()) {
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(0));
            assertThat(toldIds).containsExactly(step.id());
        }

        assertThat(stateWhenTold).containsExactly("created");
    }

    @Test
    void a_step_whose_id_cannot_be_recorded_is_not_started_and_leaves_no_container() {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo must-not-run");

        assertThatThrownBy(() -> runner.start(StepRun.spec(JOB, StepName.DBT), this::collect, containerId -> {
            throw new IllegalStateException("the job store is gone");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the job store is gone");

        assertThat(output.toString()).isEmpty();
        assertThat(TestEngine.client().listContainersCmd().withShowAll(true)
                .withNameFilter(List.of(DBT_CONTAINER)).exec()).isEmpty();
    }

    @Test
    void a_finished_container_in_the_way_is_not_adopted() {
        String stale = TestEngine.client().createContainerCmd(TestEngine.IMAGE)
                .withName(DBT_CONTAINER)
                .withCmd("true")
                .withLabels(Map.of("pipeline-trigger.job-id", JOB.value(), "pipeline-trigger.step", "dbt",
                        ContainerPlan.INSTANCE_LABEL, TestEngine.INSTANCE))
                .exec().getId();
        TestEngine.client().startContainerCmd(stale).exec();
        TestEngine.client().waitContainerCmd(stale).start().awaitStatusCode();
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo never");

        assertThatThrownBy(() -> StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), chunk -> { }))
                .isInstanceOf(StepLaunchException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("docker rm -f " + DBT_CONTAINER);
    }

    @Test
    void a_container_of_a_step_is_removed_even_when_closed_before_it_exits() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.INGESTER, "echo started; sleep 300");

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.INGESTER), this::collect)) {
            awaitOutput("started");
            assertThat(step.id()).isNotBlank();
        }

        assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value())).isEmpty();
        assertThat(output.toString()).isEqualTo("started\n");
    }

    private void collect(LogChunk chunk) {
        output.append(new String(chunk.bytes(), StandardCharsets.UTF_8));
    }

    private void awaitOutput(String expected) throws InterruptedException {
        while (!output.toString().contains(expected)) {
            Thread.sleep(20); // polling for a condition; the class timeout bounds it
        }
    }
}
