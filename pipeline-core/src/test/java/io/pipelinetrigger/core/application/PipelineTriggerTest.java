package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PipelineTriggerTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private PipelineTrigger trigger = triggerWith(FeatureFlags.ALL_ENABLED);

    private PipelineTrigger triggerWith(FeatureFlags defaults) {
        return PipelineTrigger.builder().containerRunner(runner).clock(clock).random(new Random(42))
                .defaultFlags(defaults).outputLimitBytes(1024).retention(Duration.ofHours(1))
                .stopGrace(Duration.ofSeconds(1)).build();
    }

    @AfterEach
    void closeTrigger() {
        trigger.close();
    }

    private static TriggerPipelineCommand command(Pipeline pipeline, DbtCommand dbt, Boolean openlineage, Boolean elementary) {
        return new TriggerPipelineCommand(pipeline, Optional.ofNullable(dbt), Optional.ofNullable(openlineage),
                Optional.ofNullable(elementary));
    }

    private Job awaitFinished(JobId id) throws InterruptedException {
        return Polling.untilFinished(trigger, id);
    }

    @Test
    void a_full_pipeline_runs_the_ingester_then_dbt_and_completes_with_both_outputs() throws Exception {
        runner.on(StepName.INGESTER, FakeStep.printing("loaded 46 tables"))
                .on(StepName.DBT, FakeStep.printing("Done. PASS=271 WARN=5 ERROR=0"));

        Job accepted = trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        Job done = awaitFinished(accepted.id());

        assertThat(accepted.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(accepted.id().value()).startsWith("full-" + clock.millis() + "-");
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.exitCode()).hasValue(0);
        assertThat(done.output()).isEqualTo("loaded 46 tables\nDone. PASS=271 WARN=5 ERROR=0\n");
        assertThat(done.steps()).extracting(Step::status).containsExactly(StepStatus.COMPLETED, StepStatus.COMPLETED);
        assertThat(runner.startedSteps()).extracting(StepSpec::step).containsExactly(StepName.INGESTER, StepName.DBT);
    }

    @Test
    void the_dbt_step_receives_the_command_word_and_the_effective_flags() throws Exception {
        trigger.close();
        trigger = triggerWith(new FeatureFlags(true, false));

        Job job = trigger.trigger(command(Pipeline.FULL, DbtCommand.BUILD, false, null));
        awaitFinished(job.id());

        StepSpec ingester = runner.startedSteps().get(0);
        StepSpec dbt = runner.startedSteps().get(1);
        assertThat(ingester.environment()).isEqualTo(Map.of("PIPELINE_JOB_ID", job.id().value(), "PIPELINE_STEP", "ingester"));
        assertThat(ingester.arguments()).isEmpty();
        assertThat(dbt.environment()).isEqualTo(Map.of("PIPELINE_JOB_ID", job.id().value(), "PIPELINE_STEP", "dbt",
                "DBT_COMMAND", "build", "ENABLE_OPENLINEAGE", "false", "ENABLE_ELEMENTARY", "false"));
        assertThat(dbt.arguments()).containsExactly("build");
        assertThat(job.spec().flags()).isEqualTo(new FeatureFlags(false, false));
    }

    @Test
    void without_a_command_dbt_runs_daily_and_the_ingester_ignores_a_command() throws Exception {
        Job dbt = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        awaitFinished(dbt.id());
        Job ingester = trigger.trigger(command(Pipeline.INGESTER, DbtCommand.RUN, null, null));
        awaitFinished(ingester.id());

        assertThat(dbt.spec().command()).contains(DbtCommand.DAILY);
        assertThat(runner.startedSteps().get(0).arguments()).containsExactly("daily");
        assertThat(ingester.spec().command()).isEmpty();
        assertThat(runner.startedSteps().get(1).arguments()).isEmpty();
    }

    @Test
    void when_the_ingester_fails_dbt_is_skipped_and_the_job_completes_with_its_code() throws Exception {
        runner.on(StepName.INGESTER, FakeStep.printing("missing source").thenExiting(3));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL)).id());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.success()).isTrue();
        assertThat(done.exitCode()).hasValue(3);
        assertThat(done.step(StepName.DBT).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(runner.startedSteps()).extracting(StepSpec::step).containsExactly(StepName.INGESTER);
    }

    @Test
    void a_step_skipped_after_a_non_zero_exit_says_why_in_the_step_and_on_the_last_line_of_the_output() throws Exception {
        runner.on(StepName.INGESTER, FakeStep.printing("missing source").thenExiting(1));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL)).id());

        assertThat(done.error()).isEmpty();
        assertThat(done.step(StepName.DBT).skipReason()).contains("ingester exited with 1");
        assertThat(done.output()).isEqualTo("missing source\npipeline-trigger: dbt skipped: ingester exited with 1\n");
    }

    @Test
    void dbt_errors_complete_the_job_with_exit_code_one() throws Exception {
        runner.on(StepName.DBT, FakeStep.printing("ERROR=5 (missing bronze tables)").thenExiting(1));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.success()).isTrue();
        assertThat(done.exitCodeForDisplay()).isEqualTo(1);
        assertThat(done.error()).isEmpty();
    }

    @Test
    void a_step_that_cannot_start_fails_the_job_with_the_reason_at_the_end_of_its_output() throws Exception {
        runner.on(StepName.INGESTER, FakeStep.printing("loaded"))
                .on(StepName.DBT, FakeStep.failingToLaunch("Image dbt:missing was not found."));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL)).id());

        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.success()).isFalse();
        assertThat(done.exitCodeForDisplay()).isEqualTo(-1);
        assertThat(done.error()).contains("Image dbt:missing was not found.");
        assertThat(done.output()).isEqualTo("loaded\npipeline-trigger: Image dbt:missing was not found.\n");
        assertThat(done.step(StepName.DBT).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void a_failure_reason_is_cleaned_like_the_output_before_anyone_sees_it() throws Exception {
        trigger.close();
        trigger = PipelineTrigger.builder().containerRunner(runner).clock(clock)
                .outputSanitizer(io.pipelinetrigger.core.domain.OutputSanitizer.redacting(java.util.Set.of("s3cr3t-pass")))
                .build();
        runner.on(StepName.DBT, FakeStep.failingToLaunch("login as admin:s3cr3t-pass refused \u001B[31mERROR\u001B[0m"));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        assertThat(done.error()).contains("login as admin:[REDACTED] refused ERROR");
        assertThat(done.output()).isEqualTo("pipeline-trigger: login as admin:[REDACTED] refused ERROR\n");
    }

    @Test
    void a_step_lost_while_running_fails_the_job_and_skips_the_rest() throws Exception {
        runner.on(StepName.INGESTER, FakeStep.failingWhileRunning("The engine stopped answering."));

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL)).id());

        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.error()).contains("The engine stopped answering.");
        assertThat(done.steps()).extracting(Step::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
    }

    @Test
    void a_poll_while_running_shows_the_output_so_far_and_exit_code_minus_one() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().andBytes("Running with dbt=1.8\n".getBytes());
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        Job polled = trigger.getJob(job.id());

        assertThat(polled.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(polled.exitCodeForDisplay()).isEqualTo(-1);
        assertThat(polled.output()).isEqualTo("Running with dbt=1.8\n");
        dbt.finish();
        assertThat(awaitFinished(job.id()).output()).isEqualTo("Running with dbt=1.8\n");
    }

    @Test
    void the_runners_name_for_a_step_is_saved_before_the_step_runs() throws Exception {
        List<Optional<String>> savedWhenNamed = new CopyOnWriteArrayList<>();
        InMemoryJobRepository store = new InMemoryJobRepository();
        ContainerRunner naming = new ContainerRunner() {
            @Override
            public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
                created.proceed("container-42"); // as a container runner does right after create
                savedWhenNamed.add(store.findById(spec.jobId()).orElseThrow().step(spec.step()).runnerId());
                return runner.start(spec, sink, runnerId -> true); // and hands over a step it names differently
            }

            @Override
            public Optional<ConflictingRun> findConflictingRun() {
                return Optional.empty();
            }
        };
        trigger.close();
        trigger = PipelineTrigger.builder().containerRunner(naming).jobRepository(store).clock(clock).build();

        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        assertThat(savedWhenNamed).containsExactly(Optional.of("container-42"));
        assertThat(done.step(StepName.DBT).runnerId()).contains("fake-dbt-" + done.id());
    }

    @Test
    void a_trigger_while_a_job_runs_is_refused_with_the_running_jobs_id_and_creates_nothing() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job running = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));

        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)))
                .isInstanceOfSatisfying(PipelineBusyException.class,
                        busy -> assertThat(busy.runningJobId()).isEqualTo(running.id().value()));
        assertThat(trigger.listJobs()).extracting(Job::id).containsExactly(running.id());
        dbt.finish();
        awaitFinished(running.id());
        assertThat(trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void a_run_the_runner_sees_outside_the_server_blocks_a_trigger() {
        runner.withConflictingRun(new ConflictingRun("cron-dbt-run", "container cron-dbt-run (dbt:latest)"));

        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                .isInstanceOfSatisfying(PipelineBusyException.class, busy -> {
                    assertThat(busy.runningJobId()).as("no job of ours: nothing to poll here").isNull();
                    assertThat(busy.getMessage()).contains("container cron-dbt-run (dbt:latest)");
                });
        assertThat(trigger.listJobs()).isEmpty();
    }

    @Test
    void a_step_container_of_another_server_blocks_a_trigger_without_a_job_id_this_server_cannot_answer_for() {
        runner.withConflictingRun(new ConflictingRun("dbt-1700000000004-other1",
                "pipeline-staging.dbt-dbt-1700000000004-other1 (image dbt:latest)"));

        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                .isInstanceOfSatisfying(PipelineBusyException.class, busy -> {
                    assertThat(busy.runningJobId()).isNull();
                    assertThat(busy.getMessage()).contains("pipeline-staging.dbt-dbt-1700000000004-other1");
                });
    }

    @Test
    void a_container_of_a_job_of_our_store_blocks_a_trigger_under_that_jobs_id() throws Exception {
        Job earlier = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());
        runner.withConflictingRun(new ConflictingRun(earlier.id().value(), "pipeline-dbt-" + earlier.id() + " (image dbt:latest)"));

        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                .isInstanceOfSatisfying(PipelineBusyException.class,
                        busy -> assertThat(busy.runningJobId()).isEqualTo(earlier.id().value()));
    }

    @Test
    void an_unreachable_runner_refuses_the_trigger_and_leaves_no_job_behind() throws Exception {
        runner.unreachable("The Docker engine at unix:///var/run/docker.sock does not answer.");

        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                .isInstanceOf(RunnerUnavailableException.class)
                .hasMessage("The Docker engine at unix:///var/run/docker.sock does not answer.");
        assertThat(trigger.listJobs()).isEmpty();

        runner.reachable();
        Job done = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_finished_job_is_kept_for_the_retention_then_removed_but_a_running_one_never() throws Exception {
        Job finished = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)).id());
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job running = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));

        clock.advance(Duration.ofMinutes(59));
        assertThat(trigger.getJob(finished.id()).id()).isEqualTo(finished.id());
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> trigger.getJob(finished.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(trigger.listJobs()).extracting(Job::id).containsExactly(running.id());
        clock.advance(Duration.ofDays(2));
        assertThat(trigger.getJob(running.id()).status()).isEqualTo(JobStatus.RUNNING);
        dbt.finish();
    }

    @Test
    void jobs_are_listed_newest_first() throws Exception {
        Job first = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)).id());
        clock.advance(Duration.ofSeconds(1));
        Job second = awaitFinished(trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        assertThat(trigger.listJobs()).extracting(Job::id).containsExactly(second.id(), first.id());
    }

    @Test
    void shutdown_stops_the_running_step_records_the_job_failed_and_refuses_new_runs() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
        dbt.awaitStarted();

        assertThat(trigger.shutdown(Duration.ofSeconds(5))).isTrue();

        Job done = trigger.getJob(job.id());
        assertThat(dbt.wasStopped()).isTrue();
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.error()).contains(PipelineTrigger.SHUTDOWN_REASON);
        assertThat(done.exitCode()).hasValue(130);
        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                .isInstanceOf(RunnerUnavailableException.class);
        assertThat(trigger.listJobs()).hasSize(1);
    }

    @Test
    void among_a_hundred_racing_triggers_exactly_one_is_accepted() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
                    accepted.incrementAndGet();
                } catch (PipelineBusyException busy) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(accepted.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(99);
        assertThat(trigger.listJobs()).hasSize(1);
        dbt.finish();
    }
}
