package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Inspect, not the log stream, says how a step ended. */
class ContainerStateTest {

    private static ContainerState exited(long exitCode, boolean oomKilled, String error) {
        return new ContainerState("c0ffee", "/pipeline-dbt-x", Map.of(), "exited", false, oomKilled, exitCode, error);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 130, 137})
    void a_normal_exit_reports_the_steps_own_code_whatever_it_is(int code) {
        assertThat(exited(code, false, "").outcome(StepName.DBT, Optional.empty(), ""))
                .isEqualTo(new StepOutcome.Exited(code));
    }

    @Test
    void an_oom_kill_fails_the_step_saying_out_of_memory_with_code_137() {
        StepOutcome outcome = exited(137, true, "").outcome(StepName.DBT, Optional.of(16L * 1024 * 1024), "");

        assertThat(outcome).isEqualTo(new StepOutcome.Failed(
                "Step dbt was killed because it ran out of memory (limit 16 MiB), exit code 137.", OptionalInt.of(137)));
    }

    @Test
    void an_oom_kill_of_a_child_that_the_step_survived_still_fails_it() {
        StepOutcome outcome = exited(0, true, "").outcome(StepName.INGESTER, Optional.empty(), "");

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).contains("out of memory");
            assertThat(failed.exitCode()).isEqualTo(OptionalInt.of(137));
        });
    }

    @Test
    void an_engine_error_on_the_container_fails_the_step_with_the_engines_words() {
        StepOutcome outcome = exited(127, false, "OCI runtime create failed: exec: \"dbt\": executable file not found in $PATH: unknown")
                .outcome(StepName.DBT, Optional.empty(), "");

        assertThat(outcome).isEqualTo(new StepOutcome.Failed("The Docker engine reported an error for step dbt: OCI runtime"
                + " create failed: exec: \"dbt\": executable file not found in $PATH: unknown.", OptionalInt.of(127)));
    }

    @Test
    void a_program_the_init_process_could_not_exec_fails_the_step() {
        StepOutcome outcome = exited(127, false, "").outcome(StepName.INGESTER, Optional.empty(),
                "[FATAL tini (7)] exec ingest failed: No such file or directory");

        assertThat(outcome).isEqualTo(new StepOutcome.Failed("The container of step ingester could not run its program:"
                + " exec ingest failed: No such file or directory.", OptionalInt.of(127)));
    }

    @Test
    void the_same_words_from_the_program_itself_with_another_code_are_its_own_exit() {
        StepOutcome outcome = exited(1, false, "").outcome(StepName.INGESTER, Optional.empty(),
                "[FATAL tini (7)] exec ingest failed: No such file or directory");

        assertThat(outcome).isEqualTo(new StepOutcome.Exited(1));
    }

    @Test
    void a_container_that_never_started_fails_the_step() {
        ContainerState created = new ContainerState("c0ffee", "/x", Map.of(), "created", false, false, 0, "");

        assertThat(created.outcome(StepName.DBT, Optional.empty(), "")).isInstanceOf(StepOutcome.Failed.class);
    }

    @Test
    void a_container_is_ours_only_with_the_job_step_and_instance_of_the_spec() {
        StepSpec spec = new StepSpec(JobId.of("dbt-1700000000001-abc123"), StepName.DBT, Map.of(), List.of());
        Map<String, String> labels = Map.of(ContainerPlan.JOB_ID_LABEL, "dbt-1700000000001-abc123", ContainerPlan.STEP_LABEL, "dbt");
        Map<String, String> staging = new HashMap<>(labels);
        staging.put(ContainerPlan.INSTANCE_LABEL, "staging");

        assertThat(new ContainerState("c1", "/x", staging, "running", true, false, 0, "").runs(spec, "staging")).isTrue();
        assertThat(new ContainerState("c1", "/x", staging, "running", true, false, 0, "").runs(spec, "default"))
                .as("another server's container").isFalse();
        assertThat(new ContainerState("c2", "/x", labels, "running", true, false, 0, "").runs(spec, "default"))
                .as("made before instances existed").isTrue();
        assertThat(new ContainerState("c2", "/x", labels, "running", true, false, 0, "").runs(spec, "staging")).isFalse();
    }

    @Test
    void the_leading_slash_of_the_engines_container_name_is_dropped() {
        assertThat(exited(0, false, null).name()).isEqualTo("pipeline-dbt-x");
        assertThat(exited(0, false, null).error()).isEmpty();
    }
}
