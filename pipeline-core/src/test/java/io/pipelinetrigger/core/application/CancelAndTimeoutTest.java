package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobAlreadyFinishedException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class CancelAndTimeoutTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private PipelineTrigger trigger = triggerWithTimeout(Optional.empty());

    private PipelineTrigger triggerWithTimeout(Optional<Duration> timeout) {
        return PipelineTrigger.builder().containerRunner(runner).clock(clock).defaultStepTimeout(timeout)
                .stopGrace(Duration.ofSeconds(1)).build();
    }

    @AfterEach
    void closeTrigger() {
        trigger.close();
    }

    private Job awaitFinished(JobId id) throws InterruptedException {
        return Polling.untilFinished(trigger, id);
    }

    @Test
    void cancelling_a_running_job_stops_its_step_skips_the_rest_and_ends_it_cancelled() throws Exception {
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes("loading\n".getBytes());
        runner.on(StepName.INGESTER, ingester);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        ingester.awaitStarted();

        Job answer = trigger.cancel(job.id());
        Job done = awaitFinished(job.id());

        assertThat(answer.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(ingester.wasStopped()).isTrue();
        assertThat(done.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(done.outcome()).contains(Outcome.CANCELLED);
        assertThat(done.success()).isFalse();
        assertThat(done.error()).contains("The job was cancelled on request.");
        assertThat(done.output()).isEqualTo("loading\npipeline-trigger: The job was cancelled on request.\n");
        assertThat(done.steps()).extracting(Step::status).containsExactly(StepStatus.CANCELLED, StepStatus.SKIPPED);
        assertThat(runner.startedSteps()).hasSize(1);
    }

    @Test
    void the_cancel_answer_shows_the_live_output_as_a_poll_would_not_the_last_saved_one() throws Exception {
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes("Extract sql_database 12/46\n".getBytes());
        runner.on(StepName.INGESTER, ingester);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        ingester.awaitStarted();
        String polled = trigger.getJob(job.id()).output();

        Job answer = trigger.cancel(job.id());

        assertThat(polled).isEqualTo("Extract sql_database 12/46\n");
        assertThat(answer.output()).isEqualTo(polled);
        awaitFinished(job.id());
    }

    @Test
    void cancelling_twice_is_harmless_and_answers_with_the_job() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        trigger.cancel(job.id());
        trigger.cancel(job.id());
        awaitFinished(job.id());

        assertThat(trigger.cancel(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_finished_job_cannot_be_cancelled_and_an_unknown_one_is_not_found() throws Exception {
        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        assertThatThrownBy(() -> trigger.cancel(done.id())).isInstanceOf(JobAlreadyFinishedException.class)
                .hasMessage("Job \"" + done.id() + "\" has already finished (completed) and cannot be cancelled.");
        assertThatThrownBy(() -> trigger.cancel(JobId.of("dbt-1-zzzzzz"))).isInstanceOf(JobNotFoundException.class);
        assertThat(trigger.getJob(done.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_cancel_racing_a_natural_exit_leaves_exactly_one_truthful_end() throws Exception {
        for (int round = 0; round < 20; round++) {
            FakeStep dbt = FakeStep.runningUntilReleased();
            runner.on(StepName.DBT, dbt);
            Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            dbt.awaitStarted();

            Thread exit = new Thread(dbt::finish);
            exit.start();
            try {
                trigger.cancel(job.id());
            } catch (JobAlreadyFinishedException finishedFirst) {
                // the natural exit won the race: fine, as long as the job says so
            }
            exit.join();
            Job done = awaitFinished(job.id());

            assertThat(done.status()).isIn(JobStatus.COMPLETED, JobStatus.CANCELLED);
            assertThat(done.finishedAt()).isPresent();
        }
    }

    @Test
    void a_step_running_past_its_timeout_is_stopped_and_the_job_fails_saying_so() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        TriggerPipelineCommand command = new TriggerPipelineCommand(Pipeline.DBT, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Duration.ofSeconds(1)));

        Job done = awaitFinished(trigger.trigger(command).id());

        assertThat(dbt.wasStopped()).isTrue();
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.error()).contains("Step dbt timed out after 1s.");
        assertThat(done.outcome()).contains(Outcome.TIMED_OUT);
        assertThat(done.output()).endsWith("pipeline-trigger: Step dbt timed out after 1s.\n");
        assertThat(done.spec().stepTimeout()).contains(Duration.ofSeconds(1));
    }

    @Test
    void the_server_default_timeout_applies_when_the_request_sets_none() throws Exception {
        trigger.close();
        trigger = triggerWithTimeout(Optional.of(Duration.ofSeconds(1)));
        runner.on(StepName.INGESTER, FakeStep.runningUntilReleased());

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)).id());

        assertThat(done.error()).contains("Step ingester timed out after 1s.");
    }

    @Test
    void readable_durations_are_written_the_way_people_write_them() {
        assertThat(StopRequest.readable(Duration.ofMinutes(45))).isEqualTo("45m");
        assertThat(StopRequest.readable(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(StopRequest.readable(Duration.ofSeconds(3661))).isEqualTo("1h1m1s");
        assertThat(StopRequest.readable(Duration.ZERO)).isEqualTo("0s");
    }
}
