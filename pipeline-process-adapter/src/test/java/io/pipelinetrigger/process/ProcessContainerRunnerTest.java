package io.pipelinetrigger.process;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.ContainerRunnerContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The process runner keeps the runner contract; plus what only a local process can show. */
class ProcessContainerRunnerTest extends ContainerRunnerContract {

    @Override
    protected ContainerRunner runnerRunning(StepName step, String shellScript) {
        return new ProcessContainerRunner(Map.of(step, ProcessStepConfig.of("/bin/sh", "-c", shellScript)));
    }

    @Override
    protected ContainerRunner runnerWithMissingProgram(StepName step) {
        return new ProcessContainerRunner(Map.of(step, ProcessStepConfig.of("/nonexistent/bin/dbt")));
    }

    @Test
    void a_step_without_a_configured_program_fails_with_a_reason() throws Exception {
        Run run = run(new ProcessContainerRunner(Map.of()), spec(StepName.DBT, Map.of(), List.of()));

        assertThat(run.outcome()).hasToString("Failed[reason=No program is configured for the dbt step., exitCode=OptionalInt.empty]");
    }

    @Test
    void the_jobs_environment_wins_over_the_operators_for_the_same_name() throws Exception {
        ProcessStepConfig config = new ProcessStepConfig(List.of("/bin/sh", "-c", "echo $PIPELINE_STEP $WAREHOUSE"),
                Map.of("PIPELINE_STEP", "operator-value", "WAREHOUSE", "lakehouse"), Optional.empty());
        Run run = run(new ProcessContainerRunner(Map.of(StepName.DBT, config)),
                spec(StepName.DBT, Map.of("PIPELINE_STEP", "dbt"), List.of()));

        assertThat(run.text(io.pipelinetrigger.core.domain.LogStream.STDOUT)).isEqualTo("dbt lakehouse\n");
    }

    @Test
    void a_process_runner_never_reports_a_conflicting_run() {
        assertThat(new ProcessContainerRunner(Map.of()).findConflictingRun()).isEmpty();
    }
}
