package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.CountingJobRepository;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a request asks the store, counted rather than timed: nothing a poll, a list or a trigger does grows with
 * the number of jobs kept (docs/performance.md).
 */
@Timeout(30)
class RequestPathCostTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final CountingJobRepository store = new CountingJobRepository();
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).jobRepository(store)
            .clock(clock).random(new Random(7)).retention(Duration.ofHours(1))
            .outputSaveInterval(Duration.ofMillis(10)).stopGrace(Duration.ofSeconds(1)).build();

    @AfterEach
    void close() {
        trigger.close();
    }

    private Job aFinishedJob() throws InterruptedException {
        Job job = Polling.untilFinished(trigger, trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)).id());
        clock.advance(Duration.ofSeconds(1));
        return job;
    }

    @Test
    void a_poll_of_a_running_job_reads_it_every_time_and_asks_the_runner_nothing() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job running = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        int questionsBefore = runner.engineQuestions();
        store.reset();

        assertThat(trigger.getJob(running.id()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.calls("findById")).isPositive();
        assertThat(runner.engineQuestions()).isEqualTo(questionsBefore);
        dbt.finish();
        assertThat(Polling.untilFinished(trigger, running.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_settled_job_is_read_by_id_once_and_then_polled_without_asking_the_store() throws Exception {
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER));
        while (!store.findById(job.id()).orElseThrow().status().isTerminal()) {
            Thread.sleep(5); // watched in the store itself, so no poll has read the settled job yet
        }
        store.reset();

        assertThat(trigger.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(trigger.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);

        assertThat(store.calls()).isEqualTo(Map.of("findById", 1));
    }

    @Test
    void an_expired_job_is_not_found_by_a_poll_without_the_poll_deleting_anything() throws Exception {
        Job finished = aFinishedJob(); // polled until it settled, so the poll below asks the store nothing
        clock.advance(Duration.ofHours(2));
        store.reset();

        assertThatThrownBy(() -> trigger.getJob(finished.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(store.calls()).isEmpty();
    }

    @Test
    void an_unknown_job_is_read_by_id_at_every_poll() {
        JobId unknown = JobId.of("dbt-1710460800000-abc123");
        store.reset();

        assertThatThrownBy(() -> trigger.getJob(unknown)).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> trigger.getJob(unknown)).isInstanceOf(JobNotFoundException.class);

        assertThat(store.calls()).isEqualTo(Map.of("findById", 2));
    }

    @Test
    void a_list_is_one_page_read() throws Exception {
        aFinishedJob();
        aFinishedJob();
        store.reset();

        assertThat(trigger.listJobs(JobFilter.newest()).jobs()).hasSize(2);

        assertThat(store.calls()).isEqualTo(Map.of("findPage", 1));
    }

    @Test
    void a_trigger_asks_for_the_active_job_once_and_inserts_and_sweeps_nothing() throws Exception {
        aFinishedJob();
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        store.reset();

        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));

        assertThat(store.calls("findActive")).isEqualTo(1);
        assertThat(store.calls("insertIfNoneActive")).isEqualTo(1);
        assertThat(store.calls("findAll") + store.calls("findPage") + store.calls("deleteFinishedBefore")).isZero();
        dbt.finish();
        Polling.untilFinished(trigger, job.id());
    }

    @Test
    void the_periodic_save_of_a_running_job_writes_only_its_output() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        while (store.findById(job.id()).orElseThrow().step(StepName.DBT).runnerId().isEmpty()) {
            Thread.sleep(5); // the step's start and its name are whole-job saves; wait until both are made
        }
        int updatesBefore = store.calls("update");
        int outputSavesBefore = store.calls("updateOutput");
        while (store.calls("updateOutput") < outputSavesBefore + 3) {
            Thread.sleep(5);
        }

        assertThat(store.calls("update")).as("whole-job updates while only the output changed").isEqualTo(updatesBefore);
        dbt.finish();
        Polling.untilFinished(trigger, job.id());
    }

    @Test
    void the_housekeeping_timer_removes_expired_jobs_with_one_delete() throws Exception {
        Job finished = aFinishedJob();
        clock.advance(Duration.ofHours(2));
        store.reset();

        trigger.startHousekeeping(Duration.ofMillis(10), Duration.ofMinutes(1));
        while (store.calls("deleteFinishedBefore") == 0) {
            Thread.sleep(5);
        }

        assertThat(store.calls("findAll")).isZero();
        while (!store.findAll().isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(store.findById(finished.id())).isEqualTo(Optional.empty());
    }
}
