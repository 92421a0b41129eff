package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** onBusy reject, attach and queue (docs/api.md, "When the pipeline is busy"), with a controlled clock. */
@Timeout(30)
class BusyPolicyTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeStep dbt = FakeStep.runningUntilReleased();
    private final FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, dbt);
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).clock(clock)
            .queueLimit(2).build();

    @AfterEach
    void close() {
        dbt.finish();
        trigger.close();
    }

    private static TriggerPipelineCommand dbt(DbtCommand command, BusyPolicy policy) {
        return new TriggerPipelineCommand(Pipeline.DBT, Optional.of(command), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(policy), Optional.empty());
    }

    private Job aRunningDbtRun() throws InterruptedException {
        Job active = trigger.trigger(dbt(DbtCommand.RUN, BusyPolicy.REJECT));
        dbt.awaitStarted();
        return active;
    }

    @Test
    void a_queue_trigger_that_finds_a_run_begun_since_its_first_look_waits_in_the_queue() {
        FakeContainerRunner racing = new FakeContainerRunner().withConflictingRunFromQuestion(2,
                new io.pipelinetrigger.core.port.out.ConflictingRun("zynexa-dbt-run-1", "zynexa-dbt-run-1 (image dbt)"));
        try (PipelineTrigger raced = PipelineTrigger.builder().containerRunner(racing).clock(clock).build()) {
            TriggerAnswer answer = raced.submit(dbt(DbtCommand.RUN, BusyPolicy.QUEUE), Optional.empty());

            assertThat(answer.job().status()).isEqualTo(JobStatus.QUEUED);
        }
    }

    @Test
    void reject_answers_busy_naming_the_active_job() throws Exception {
        Job active = aRunningDbtRun();

        assertThatThrownBy(() -> trigger.submit(dbt(DbtCommand.RUN, BusyPolicy.REJECT), Optional.empty()))
                .isInstanceOfSatisfying(PipelineBusyException.class,
                        e -> assertThat(e.runningJobId()).isEqualTo(active.id().value()));
    }

    @Test
    void attach_with_the_same_effective_request_answers_the_active_job() throws Exception {
        Job active = aRunningDbtRun();

        TriggerAnswer answer = trigger.submit(dbt(DbtCommand.RUN, BusyPolicy.ATTACH), Optional.empty());

        assertThat(answer.attached()).isTrue();
        assertThat(answer.job().id()).isEqualTo(active.id());
        assertThat(trigger.listJobs()).hasSize(1);
    }

    @Test
    void attach_with_another_request_is_busy_and_says_why() throws Exception {
        aRunningDbtRun();

        assertThatThrownBy(() -> trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.ATTACH), Optional.empty()))
                .isInstanceOf(PipelineBusyException.class)
                .hasMessageContaining("runs another request (pipeline=dbt command=run");
    }

    @Test
    void attach_while_nothing_runs_starts_a_run() {
        TriggerAnswer answer = trigger.submit(dbt(DbtCommand.RUN, BusyPolicy.ATTACH), Optional.empty());

        assertThat(answer.attached()).isFalse();
        assertThat(answer.job().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void queued_jobs_wait_in_order_and_start_one_at_a_time_when_the_active_run_ends() throws Exception {
        Job active = aRunningDbtRun();

        TriggerAnswer first = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty());
        TriggerAnswer second = trigger.submit(dbt(DbtCommand.BUILD, BusyPolicy.QUEUE), Optional.empty());

        assertThat(first.job().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(first.job().outcome()).isEmpty();
        assertThat(first.queuePosition()).hasValue(1);
        assertThat(second.queuePosition()).hasValue(2);
        assertThat(runner.startedSteps()).hasSize(1);

        dbt.finish();
        assertThat(Polling.untilFinished(trigger, active.id()).outcome()).contains(Outcome.SUCCEEDED);
        Job firstDone = Polling.untilFinished(trigger, first.job().id());
        Job secondDone = Polling.untilFinished(trigger, second.job().id());

        assertThat(firstDone.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(secondDone.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(runner.startedSteps()).extracting(s -> s.environment().get("DBT_COMMAND"))
                .containsExactly("run", "test", "build");
        assertThat(secondDone.startedAt().orElseThrow()).isAfterOrEqualTo(firstDone.finishedAt().orElseThrow());
    }

    @Test
    void a_wait_on_a_queued_job_does_not_take_queued_for_an_end() throws Exception {
        aRunningDbtRun();
        Job queued = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty()).job();

        Job afterTheWait = trigger.awaitEnd(queued.id(), Duration.ofMillis(200)).toCompletableFuture().get();

        assertThat(afterTheWait.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(trigger.queuePosition(queued.id())).hasValue(1);
    }

    @Test
    void a_full_queue_answers_busy_saying_so_and_saves_nothing() throws Exception {
        aRunningDbtRun();
        trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty());
        trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty());

        assertThatThrownBy(() -> trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty()))
                .isInstanceOf(PipelineBusyException.class).hasMessageContaining("The queue is full: 2 job(s)");
        assertThat(trigger.listJobs()).hasSize(3);
    }

    @Test
    void a_cancelled_queued_job_ends_cancelled_and_never_runs() throws Exception {
        Job active = aRunningDbtRun();
        Job queued = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty()).job();

        Job cancelled = trigger.cancel(queued.id());
        dbt.finish();
        Polling.untilFinished(trigger, active.id());

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.outcome()).contains(Outcome.CANCELLED);
        assertThat(cancelled.startedAt()).isEmpty();
        assertThat(runner.startedSteps()).hasSize(1);
    }

    @Test
    void a_retry_of_a_queued_trigger_with_its_idempotency_key_gets_the_queued_job() throws Exception {
        aRunningDbtRun();
        TriggerAnswer first = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.of("nightly-1"));

        TriggerAnswer retry = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.of("nightly-1"));

        assertThat(retry.job().id()).isEqualTo(first.job().id());
        assertThat(retry.queuePosition()).hasValue(1);
        assertThat(trigger.listJobs()).hasSize(2);
    }

    @Test
    void a_queued_job_held_back_by_an_unreachable_runner_says_why_and_starts_once_it_answers() throws Exception {
        runner.unreachable("Cannot connect to the Docker daemon");

        Job queued = trigger.submit(dbt(DbtCommand.TEST, BusyPolicy.QUEUE), Optional.empty()).job();

        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(trigger.getJob(queued.id()).error()).hasValueSatisfying(
                reason -> assertThat(reason).contains("the runner cannot be reached (Cannot connect"));
        runner.reachable();
        dbt.finish();

        Job done = Polling.untilFinished(trigger, queued.id());
        assertThat(done.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(done.error()).isEmpty();
    }

    @Test
    void a_job_queued_longer_than_its_queue_timeout_ends_cancelled_with_the_reason() throws Exception {
        Job active = aRunningDbtRun();
        TriggerPipelineCommand patient = new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.TEST),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(BusyPolicy.QUEUE),
                Optional.of(Duration.ofMinutes(10)));
        Job queued = trigger.submit(patient, Optional.empty()).job();

        clock.advance(Duration.ofMinutes(10));
        Job expired = Polling.untilFinished(trigger, queued.id());

        assertThat(expired.outcome()).contains(Outcome.CANCELLED);
        assertThat(expired.error()).contains(
                "The job waited in the queue longer than its queue timeout of 10m and was cancelled without running.");
        assertThat(trigger.getJob(active.id()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(runner.startedSteps()).hasSize(1);
    }
}
