package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A step that cannot run or is cut short ends failed with the engine's reason, never as a clean exit. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerStepFailuresIT {

    private static final JobId JOB = JobId.of("dbt-1700000000001-fails1");

    private final DockerRunners runners = new DockerRunners();

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
    void a_step_killed_for_memory_fails_with_out_of_memory_and_code_137() throws Exception {
        // tail keeps the whole "last line" of /dev/zero, which never ends: it grows until the limit stops it
        DockerStepConfig hungry = DockerRunners.shellStep("echo allocating; tail /dev/zero").withMemoryLimitBytes(16L * 1024 * 1024);
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder().step(StepName.DBT, hungry));

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        assertThat(run.outcome()).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).contains("out of memory").contains("16 MiB");
            assertThat(failed.exitCode()).isEqualTo(OptionalInt.of(137));
        });
    }

    @Test
    void a_missing_image_is_a_launch_failure_with_the_engines_words() {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of("pipeline-trigger-test/no-such-image:1")));

        assertThatThrownBy(() -> StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), chunk -> { }))
                .isInstanceOf(StepLaunchException.class)
                .hasMessageContaining("pipeline-trigger-test/no-such-image:1")
                .hasMessageContaining("No such image");
        assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value())).isEmpty();
    }

    @Test
    void a_command_not_found_fails_the_step_with_the_reason_not_a_clean_exit() throws Exception {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE).withCommand(List.of("no-such-program"))));

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        assertThat(run.outcome()).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).contains("could not run its program").contains("no-such-program");
            assertThat(failed.exitCode()).isEqualTo(OptionalInt.of(127));
        });
    }

    @Test
    void a_program_that_itself_exits_127_is_an_ordinary_exit() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo 'sh: dbt-helper: not found' >&2; exit 127");

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        assertThat(run.outcome()).isEqualTo(new StepOutcome.Exited(127));
    }

    @Test
    void a_step_without_an_image_configured_is_a_launch_failure() {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.INGESTER, DockerStepConfig.of(TestEngine.IMAGE)));

        assertThatThrownBy(() -> StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), chunk -> { }))
                .isInstanceOf(StepLaunchException.class)
                .hasMessageContaining("PIPELINE_DBT_IMAGE");
    }

    @Test
    void a_container_removed_behind_our_back_fails_the_step() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo started; sleep 300");

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), chunk -> { })) {
            TestEngine.client().removeContainerCmd(step.id()).withForce(true).exec();

            assertThat(step.awaitExit()).isInstanceOfSatisfying(StepOutcome.Failed.class,
                    failed -> assertThat(failed.reason()).contains("vanished"));
        }
    }
}
