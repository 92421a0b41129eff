package io.pipelinetrigger.core.domain;

import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobTest {

    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private final Job fullJob = Job.accepted(JobId.of("full-1710460800000-abc123"), Jobs.aFullSpec(), T0);

    @Test
    void an_accepted_job_is_running_with_every_step_pending_and_no_exit_code() {
        assertThat(fullJob.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fullJob.steps()).extracting(Step::name).containsExactly(StepName.INGESTER, StepName.DBT);
        assertThat(fullJob.steps()).extracting(Step::status).containsOnly(StepStatus.PENDING);
        assertThat(fullJob.exitCodeForDisplay()).isEqualTo(-1);
        assertThat(fullJob.success()).isTrue();
        assertThat(fullJob.startedAt()).isEmpty();
    }

    @Test
    void the_first_step_start_sets_the_jobs_start_time_and_later_ones_keep_it() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1).stepExited(StepName.INGESTER, 0, T1)
                .stepStarted(StepName.DBT, T2);

        assertThat(job.startedAt()).contains(T1);
        assertThat(job.step(StepName.DBT).startedAt()).contains(T2);
    }

    @Test
    void a_completed_job_carries_the_first_non_zero_step_exit_code_and_stays_successful() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1).stepExited(StepName.INGESTER, 0, T1)
                .stepStarted(StepName.DBT, T1).stepExited(StepName.DBT, 5, T2)
                .complete(T2, "ERROR=5");

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.exitCode()).hasValue(5);
        assertThat(job.success()).isTrue();
        assertThat(job.finishedAt()).contains(T2);
        assertThat(job.output()).isEqualTo("ERROR=5");
    }

    @Test
    void a_job_with_a_skipped_step_completes_with_the_earlier_steps_code() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1).stepExited(StepName.INGESTER, 2, T1)
                .stepSkipped(StepName.DBT).complete(T2, "");

        assertThat(job.exitCode()).hasValue(2);
        assertThat(job.step(StepName.DBT).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void a_step_skipped_after_a_non_zero_exit_says_which_step_exited_with_what() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1).stepExited(StepName.INGESTER, 1, T1)
                .stepSkipped(StepName.DBT);

        assertThat(job.step(StepName.DBT).skipReason()).contains("ingester exited with 1");
        assertThat(job.step(StepName.INGESTER).skipReason()).isEmpty();
    }

    @Test
    void a_step_with_no_earlier_non_zero_exit_cannot_be_skipped() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1).stepExited(StepName.INGESTER, 0, T1);

        assertThatThrownBy(() -> job.stepSkipped(StepName.DBT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_steps_skipped_when_a_job_ends_early_say_how_it_ended() {
        Job started = fullJob.stepStarted(StepName.INGESTER, T1);

        assertThat(started.fail("Engine lost.", OptionalInt.empty(), T2, "").step(StepName.DBT).skipReason())
                .contains("ingester failed");
        assertThat(started.cancel("Cancelled.", OptionalInt.empty(), T2, "").step(StepName.DBT).skipReason())
                .contains("ingester was cancelled");
        assertThat(fullJob.cancel("Cancelled.", OptionalInt.empty(), T2, "").steps())
                .extracting(Step::skipReason).containsOnly(Optional.of("the job was cancelled"));
    }

    @Test
    void only_a_skipped_step_has_a_skip_reason() {
        assertThatThrownBy(() -> new Step(StepName.DBT, StepStatus.COMPLETED, OptionalInt.of(0), Optional.of(T1),
                Optional.of(T2), Optional.empty(), Optional.of("why")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_job_cannot_complete_while_a_step_is_unfinished() {
        Job running = fullJob.stepStarted(StepName.INGESTER, T1);

        assertThatThrownBy(() -> running.complete(T2, "")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failing_a_job_fails_the_running_step_skips_the_pending_ones_and_records_why() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1)
                .fail("Engine lost.", OptionalInt.of(137), T2, "...\nEngine lost.\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.success()).isFalse();
        assertThat(job.error()).contains("Engine lost.");
        assertThat(job.exitCode()).hasValue(137);
        assertThat(job.step(StepName.INGESTER).status()).isEqualTo(StepStatus.FAILED);
        assertThat(job.step(StepName.DBT).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void a_finished_job_refuses_every_further_change() {
        Job completed = Jobs.aCompletedJob(Jobs.anId("aaaaaa"), T2);

        assertThatThrownBy(() -> completed.fail("late", OptionalInt.empty(), T2, ""))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("A job cannot go from completed to failed.");
        assertThatThrownBy(() -> completed.stepStarted(StepName.DBT, T2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_step_cannot_start_twice() {
        Job job = fullJob.stepStarted(StepName.INGESTER, T1);

        assertThatThrownBy(() -> job.stepStarted(StepName.INGESTER, T2))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("A step cannot go from running to running.");
    }

    @Test
    void a_pipeline_without_a_dbt_step_has_no_dbt_command_and_one_with_it_needs_one() {
        assertThatThrownBy(() -> new JobSpec(Pipeline.INGESTER, Optional.of(DbtCommand.RUN), FeatureFlags.ALL_ENABLED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobSpec(Pipeline.FULL, Optional.empty(), FeatureFlags.ALL_ENABLED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jobs_are_immutable_values() {
        Job started = fullJob.stepStarted(StepName.INGESTER, T1);

        assertThat(fullJob.step(StepName.INGESTER).status()).isEqualTo(StepStatus.PENDING);
        assertThat(started.step(StepName.INGESTER).status()).isEqualTo(StepStatus.RUNNING);
        assertThatThrownBy(() -> started.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_running_job_has_no_outcome_and_was_triggered_through_the_api_unless_told_otherwise() {
        assertThat(fullJob.outcome()).isEmpty();
        assertThat(fullJob.trigger()).isEqualTo(Trigger.API);
        assertThat(fullJob.stepStarted(StepName.INGESTER, T1).outcome()).isEmpty();
    }

    @Test
    void each_end_records_its_outcome_and_keeps_the_trigger() {
        Job running = Job.accepted(JobId.of("full-1710460800000-abc123"), Jobs.aFullSpec(), Optional.empty(),
                Trigger.schedule("nightly"), T0).stepStarted(StepName.INGESTER, T1);
        Job succeeded = running.stepExited(StepName.INGESTER, 0, T1).stepStarted(StepName.DBT, T1)
                .stepExited(StepName.DBT, 0, T2).complete(T2, "");
        Job errored = running.stepExited(StepName.INGESTER, 3, T1).stepSkipped(StepName.DBT).complete(T2, "");

        assertThat(succeeded.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(errored.outcome()).contains(Outcome.ERRORED);
        assertThat(running.fail("Out of memory.", OptionalInt.of(137), T2, "").outcome()).contains(Outcome.FAILED);
        assertThat(running.cancel("Cancelled.", OptionalInt.empty(), T2, "").outcome()).contains(Outcome.CANCELLED);
        Job timedOut = running.timeOut("Step ingester timed out after 1s.", OptionalInt.empty(), T2, "");
        assertThat(timedOut.outcome()).contains(Outcome.TIMED_OUT);
        assertThat(timedOut.status()).isEqualTo(JobStatus.FAILED);
        assertThat(timedOut.step(StepName.INGESTER).status()).isEqualTo(StepStatus.FAILED);
        assertThat(timedOut.trigger()).isEqualTo(Trigger.schedule("nightly"));
        assertThat(succeeded.withOutput("more").outcome()).contains(Outcome.SUCCEEDED);
    }

    @Test
    void an_outcome_that_does_not_agree_with_the_status_is_refused() {
        assertThatThrownBy(() -> new Job(fullJob.id(), fullJob.spec(), Optional.empty(), JobStatus.RUNNING,
                fullJob.steps(), T0, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.of(Outcome.SUCCEEDED), Trigger.API, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running but its outcome is succeeded");
        assertThatThrownBy(() -> new Job(fullJob.id(), fullJob.spec(), Optional.empty(), JobStatus.FAILED,
                fullJob.steps(), T0, Optional.empty(), Optional.of(T1), OptionalInt.empty(), Optional.of("x"),
                Optional.of(Outcome.CANCELLED), Trigger.API, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Job(fullJob.id(), fullJob.spec(), Optional.empty(), JobStatus.CANCELLED,
                fullJob.steps(), T0, Optional.empty(), Optional.of(T1), OptionalInt.empty(), Optional.of("x"),
                Optional.empty(), Trigger.API, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome is none");
    }

    @Test
    void outcomes_and_triggers_have_their_wire_names() {
        assertThat(Outcome.values()).extracting(Outcome::wireName)
                .containsExactly("succeeded", "errored", "failed", "timed_out", "cancelled");
        assertThat(Outcome.fromWireName("timed_out")).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Trigger.API.wireName()).isEqualTo("api");
        assertThat(new Trigger("schedule:nightly-dbt")).isEqualTo(Trigger.schedule("nightly-dbt"));
        assertThatThrownBy(() -> new Trigger("cron")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Trigger.schedule("Bad Name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Trigger.schedule("")).isInstanceOf(IllegalArgumentException.class);
    }
}
