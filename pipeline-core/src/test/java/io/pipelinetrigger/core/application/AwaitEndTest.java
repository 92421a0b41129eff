package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class AwaitEndTest {

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner)
            .stopGrace(Duration.ofMillis(100)).build();

    @AfterEach
    void closeTrigger() {
        trigger.close();
    }

    @Test
    void a_waiter_is_answered_when_the_job_ends_not_when_its_wait_is_over() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().andBytes("working\n".getBytes()).thenExiting(0);
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        CompletableFuture<Job> answer = trigger.awaitEnd(job.id(), Duration.ofSeconds(60)).toCompletableFuture();
        Thread.sleep(100);
        assertThat(answer).isNotDone();
        long released = System.nanoTime();
        dbt.finish();
        Job ended = answer.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(5));
        assertThat(ended.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(ended.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(ended.output()).isEqualTo("working\n");
    }

    @Test
    void a_job_that_has_already_ended_answers_at_once() throws Exception {
        runner.on(StepName.DBT, FakeStep.exiting(2));
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        Polling.untilFinished(trigger, job.id());

        CompletableFuture<Job> answer = trigger.awaitEnd(job.id(), Duration.ofSeconds(60)).toCompletableFuture();

        assertThat(answer).isCompleted();
        assertThat(answer.get().outcome()).contains(Outcome.ERRORED);
    }

    @Test
    void when_the_wait_is_over_first_the_answer_is_the_running_job_with_its_live_output() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().andBytes("still going\n".getBytes());
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        long asked = System.nanoTime();
        Job answer = trigger.awaitEnd(job.id(), Duration.ofMillis(300)).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(answer.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(answer.outcome()).isEmpty();
        assertThat(answer.output()).isEqualTo("still going\n");
        dbt.finish();
    }

    @Test
    void a_cancel_ends_the_wait_with_the_cancelled_job() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();
        CompletableFuture<Job> answer = trigger.awaitEnd(job.id(), Duration.ofSeconds(60)).toCompletableFuture();

        trigger.cancel(job.id());

        assertThat(answer.get(10, TimeUnit.SECONDS).outcome()).contains(Outcome.CANCELLED);
    }

    @Test
    void an_unknown_job_is_refused_at_once() {
        assertThatThrownBy(() -> trigger.awaitEnd(Jobs.anId("nojob0"), Duration.ofSeconds(60)))
                .isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void waiters_are_forgotten_once_answered() throws Exception {
        JobEnds ends = new JobEnds();
        Job running = Jobs.aRunningJob();
        CompletableFuture<?> first = ends.register(running.id());
        ends.register(running.id()).complete(java.util.Optional.empty());

        assertThat(ends.waiting()).isEqualTo(1);
        ends.ended(running.stepStarted(StepName.DBT, Jobs.T0).cancel("x", java.util.OptionalInt.empty(), Jobs.T0, ""));

        assertThat(first).isCompleted();
        assertThat(ends.waiting()).isZero();
    }
}
