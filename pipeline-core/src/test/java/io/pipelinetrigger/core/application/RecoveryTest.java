package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stops while a step runs and a new one starts on the same store and archive: the job is followed to
 * its true end. The in-memory store stands in for a durable one here; the JDBC store runs the same contract.
 */
@Timeout(30)
class RecoveryTest {

    @TempDir
    Path dataDir;

    private final InMemoryJobRepository store = new InMemoryJobRepository();

    private PipelineTrigger server(FakeContainerRunner runner) {
        return PipelineTrigger.builder().containerRunner(runner).jobRepository(store)
                .outputArchive(new FileOutputArchive(dataDir)).leaveStepsRunningOnShutdown(true).build();
    }

    private static Job awaitFinished(PipelineTrigger trigger, JobId id) throws InterruptedException {
        return Polling.untilFinished(trigger, id);
    }

    @Test
    void a_step_that_outlives_the_server_is_reattached_and_its_output_is_not_duplicated() throws Exception {
        FakeContainerRunner before = new FakeContainerRunner().withStepsOutlivingTheServer()
                .on(StepName.INGESTER, FakeStep.printing("ingested"))
                .on(StepName.DBT, FakeStep.runningUntilReleased().andBytes("dbt part 1\n".getBytes()));
        PipelineTrigger first = server(before);
        Job job = first.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        while (before.startedSteps().size() < 2) {
            Thread.sleep(5);
        }
        first.shutdown(Duration.ofSeconds(5));
        first.close();
        assertThat(store.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

        // the container kept running: its log now holds the first part and more
        FakeStep stillRunning = FakeStep.printing("dbt part 1", "dbt part 2").thenExiting(1);
        FakeContainerRunner after = new FakeContainerRunner().withStepsOutlivingTheServer()
                .recoverable(StepName.DBT, stillRunning);
        PipelineTrigger second = server(after);
        assertThat(second.recoverRunningJobs()).isEqualTo(1);
        Job done = awaitFinished(second, job.id());
        second.close();

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.exitCode()).hasValue(1);
        assertThat(done.output()).isEqualTo("ingested\ndbt part 1\ndbt part 2\n");
        assertThat(after.startedSteps()).isEmpty();
        assertThat(after.recoveredSteps()).extracting(s -> s.step()).containsExactly(StepName.DBT);
        assertThat(Files.readString(dataDir.resolve(job.id().value()).resolve("dbt.log"), StandardCharsets.UTF_8))
                .isEqualTo("dbt part 1\ndbt part 2\n");
    }

    @Test
    void a_step_the_runner_cannot_find_after_the_restart_ends_the_job_failed_with_the_reason() throws Exception {
        FakeContainerRunner before = new FakeContainerRunner().withStepsOutlivingTheServer()
                .on(StepName.DBT, FakeStep.runningUntilReleased());
        PipelineTrigger first = server(before);
        Job job = first.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        while (before.startedSteps().size() < 2) {
            Thread.sleep(5);
        }
        first.close();

        PipelineTrigger second = server(new FakeContainerRunner());
        second.recoverRunningJobs();
        Job done = awaitFinished(second, job.id());
        second.close();

        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.error()).contains("No container of step dbt was found.");
        assertThat(done.steps()).extracting(Step::status).containsExactly(StepStatus.COMPLETED, StepStatus.FAILED);
    }

    @Test
    void a_runner_whose_steps_die_with_the_server_records_them_failed_on_shutdown() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        PipelineTrigger trigger = server(new FakeContainerRunner().on(StepName.DBT, dbt));
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        trigger.close();

        assertThat(dbt.wasStopped()).isTrue();
        assertThat(dbt.wasDetached()).isFalse();
        assertThat(store.findById(job.id()).orElseThrow().error()).contains(PipelineTrigger.SHUTDOWN_REASON);
    }

    @Test
    void a_running_jobs_output_is_saved_to_the_store_while_it_runs() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().andBytes("progress 1/2\n".getBytes());
        PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(new FakeContainerRunner().on(StepName.DBT, dbt))
                .jobRepository(store).outputSaveInterval(Duration.ofMillis(20)).build();
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        while (store.findById(job.id()).orElseThrow().output().isEmpty()) {
            Thread.sleep(5); // polls a condition; the class timeout bounds it
        }

        assertThat(store.findById(job.id()).orElseThrow().output()).isEqualTo("progress 1/2\n");
        assertThat(store.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        dbt.finish();
        trigger.close();
    }

    @Test
    void a_job_interrupted_between_two_steps_goes_on_with_the_next_one() throws Exception {
        Job between = Job.accepted(JobId.of("full-1-abcdef"), io.pipelinetrigger.core.fixtures.Jobs.aFullSpec(),
                        java.time.Instant.parse("2024-03-15T00:00:00Z"))
                .stepStarted(StepName.INGESTER, java.time.Instant.parse("2024-03-15T00:00:01Z"))
                .stepExited(StepName.INGESTER, 0, java.time.Instant.parse("2024-03-15T00:01:00Z"));
        store.insertIfNoneActive(between);
        FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, FakeStep.printing("Done."));

        PipelineTrigger trigger = server(runner);
        trigger.recoverRunningJobs();
        Job done = awaitFinished(trigger, between.id());
        trigger.close();

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(runner.startedSteps()).extracting(s -> s.step()).containsExactly(StepName.DBT);
    }
}
