package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No engine behind the address (a socket file that does not exist): no Docker needed. */
class UnreachableEngineTest {

    @TempDir
    Path directory;

    private DockerContainerRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    private DockerContainerRunner runnerWithoutEngine() {
        String host = "unix://" + directory.resolve("no-engine.sock");
        runner = DockerContainerRunner.create(DockerRunnerConfig.builder()
                .dockerHost(host)
                .controlTimeout(Duration.ofSeconds(2))
                .step(StepName.DBT, DockerStepConfig.of("acme/dbt:1"))
                .build());
        return runner;
    }

    @Test
    void the_runner_is_created_all_the_same_and_knows_no_engine_version() {
        assertThat(runnerWithoutEngine().engineVersion()).isEmpty();
    }

    @Test
    void asking_for_a_conflicting_run_is_runner_unavailable_naming_the_engine_address() {
        DockerContainerRunner runner = runnerWithoutEngine();

        assertThatThrownBy(runner::findConflictingRun)
                .isInstanceOf(RunnerUnavailableException.class)
                .hasMessageStartingWith("The Docker engine at unix://" + directory.resolve("no-engine.sock") + " does not answer")
                .hasMessageEndingWith(".")
                .hasNoCause();
    }

    @Test
    void the_health_check_says_the_engine_does_not_answer() {
        DockerContainerRunner runner = runnerWithoutEngine();

        assertThatThrownBy(runner::checkReachable).isInstanceOf(RunnerUnavailableException.class)
                .hasMessageContaining("does not answer");
    }

    @Test
    void starting_a_step_is_runner_unavailable() {
        StepSpec spec = new StepSpec(JobId.of("dbt-1710460800000-abc123"), StepName.DBT, Map.of(), List.of("daily"));
        DockerContainerRunner runner = runnerWithoutEngine();

        assertThatThrownBy(() -> StepRun.started(runner, spec, chunk -> { }))
                .isInstanceOf(RunnerUnavailableException.class)
                .hasMessageContaining("does not answer");
    }

    @Test
    void recovering_a_step_is_gone_with_the_reason_so_the_job_does_not_stay_running() {
        StepSpec spec = new StepSpec(JobId.of("dbt-1710460800000-abc123"), StepName.DBT, Map.of(), List.of("daily"));

        RecoveredStep found = runnerWithoutEngine().recover(spec, Optional.of("c0ffee"), chunk -> { });

        assertThat(found).isInstanceOfSatisfying(RecoveredStep.Gone.class, gone -> assertThat(gone.reason())
                .startsWith("Could not reattach to the dbt step after the restart: the Docker engine at unix://")
                .contains("does not answer"));
    }

    @Test
    void removing_leftovers_removes_nothing_and_does_not_throw() {
        assertThat(runnerWithoutEngine().removeLeftovers(Set.of(), Duration.ZERO)).isZero();
    }

    @Test
    void its_steps_outlive_the_server() {
        assertThat(runnerWithoutEngine().stepsOutliveTheServer()).isTrue();
    }

    @Test
    void a_trigger_is_refused_and_leaves_no_job_behind() {
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runnerWithoutEngine()).build()) {
            assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT), Optional.empty()))
                    .isInstanceOf(RunnerUnavailableException.class)
                    .hasMessageContaining("does not answer");
            assertThat(trigger.listJobs()).isEmpty();
        }
    }
}
