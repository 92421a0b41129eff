package io.pipelinetrigger.app;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.jdbc.JdbcJobRepository;
import io.pipelinetrigger.jdbc.JdbcStoreConfig;
import io.pipelinetrigger.process.ProcessContainerRunner;
import io.pipelinetrigger.process.ProcessStepConfig;
import io.pipelinetrigger.rest.ApiTokens;
import io.pipelinetrigger.rest.PipelineTriggerFeature;
import io.pipelinetrigger.schedule.CronExpressions;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code samples of docs/embedding.md, compiled and run, so the guide cannot drift from the API. */
class EmbeddingExamplesTest {

    // docs/embedding.md: "Build the facade"
    static PipelineTrigger buildTheFacade() {
        ProcessContainerRunner runner = new ProcessContainerRunner(Map.of(
                StepName.INGESTER, ProcessStepConfig.of("/opt/ingester/run.sh"),
                StepName.DBT, new ProcessStepConfig(List.of("/opt/dbt/run.sh"), Map.of("DBT_TARGET", "prod"), Optional.empty())));
        return PipelineTrigger.builder()
                .containerRunner(runner)
                .defaultFlags(new FeatureFlags(true, false))   // ENABLE_OPENLINEAGE=true, ENABLE_ELEMENTARY=false
                .outputLimitBytes(10_240)
                .retention(Duration.ofHours(1))
                .build();
    }

    // docs/embedding.md: "Trigger and follow a run"
    static Job triggerAndFollow(PipelineTrigger trigger, Duration pollEvery) throws InterruptedException {
        TriggerPipelineCommand command = new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.BUILD),
                Optional.empty(), Optional.of(false));
        Job job = trigger.trigger(command);                      // returns at once, status RUNNING
        while (!trigger.getJob(job.id()).status().isTerminal()) {
            Thread.sleep(pollEvery.toMillis());
        }
        return trigger.getJob(job.id());                         // exitCodeForDisplay(), output(), steps()
    }

    // docs/embedding.md: "Serve the API from your own Jersey application"
    static ResourceConfig yourApplication(PipelineTrigger trigger, boolean apiEnabled) {
        return new ResourceConfig()
                .register(PipelineTriggerFeature.of(trigger, apiEnabled));
    }

    // docs/embedding.md: "Keep jobs across restarts"
    static PipelineTrigger durableFacade(ContainerRunner runner, JdbcJobRepository store, Path dataDir) {
        PipelineTrigger trigger = PipelineTrigger.builder()
                .containerRunner(runner)
                .jobRepository(store)
                .outputArchive(new FileOutputArchive(dataDir.resolve("output")))
                .leaveStepsRunningOnShutdown(true)       // containers run on; the next start reattaches to them
                .build();
        trigger.recoverRunningJobs();                     // before the first trigger is accepted
        trigger.startHousekeeping(Duration.ofMinutes(1), Duration.ofMinutes(10));
        return trigger;
    }

    // docs/embedding.md: "Run on a schedule"
    static PipelineTrigger scheduledFacade(ContainerRunner runner, JdbcJobRepository store) {
        Schedule nightly = new Schedule("nightly-full", CronExpressions.parse("0 2 * * *"), ZoneId.of("Europe/Berlin"),
                TriggerPipelineCommand.of(Pipeline.FULL), BusyPolicy.QUEUE, CatchUp.ONCE, Duration.ofHours(3), true);
        PipelineTrigger trigger = PipelineTrigger.builder()
                .containerRunner(runner)
                .jobRepository(store)                     // each firing is recorded here with its job: exactly once
                .schedules(List.of(nightly))
                .build();
        trigger.recoverRunningJobs();
        trigger.startScheduler(Duration.ofSeconds(1));    // checks the schedules every second
        return trigger;
    }

    @Test
    void theScheduledFacadeListsItsScheduleWithItsNextRun(@TempDir Path dataDir) {
        try (JdbcJobRepository store = JdbcJobRepository.open(JdbcStoreConfig.h2File(dataDir));
             PipelineTrigger trigger = scheduledFacade(new FakeContainerRunner(), store)) {
            ScheduleView view = trigger.listSchedules().get(0);

            assertThat(view.schedule().name()).isEqualTo("nightly-full");
            assertThat(view.nextRunAt()).hasValueSatisfying(next -> assertThat(next.atZone(ZoneId.of("Europe/Berlin"))
                    .toLocalTime()).hasToString("02:00"));
            assertThat(view.lastFiring()).isEmpty();
        }
    }

    // docs/embedding.md: "Cancel, retry safely"
    static Job cancelAndRetry(PipelineTrigger trigger) {
        TriggerPipelineCommand nightly = TriggerPipelineCommand.of(Pipeline.FULL);
        Job job = trigger.trigger(nightly, Optional.of("nightly-2024-03-15"));
        Job sameJob = trigger.trigger(nightly, Optional.of("nightly-2024-03-15")); // a retry: no second run
        trigger.cancel(sameJob.id());                     // the step gets its stop signal; the job ends CANCELLED
        return job;
    }

    // docs/embedding.md: "Serve the API from your own Jersey application" (with the server's protections)
    static ResourceConfig yourProtectedApplication(PipelineTrigger trigger, String token) {
        return new ResourceConfig().register(PipelineTriggerFeature.builder(trigger)
                .apiEnabled(true)
                .tokens(ApiTokens.of(List.of(token)))     // every call needs Authorization: Bearer <token>
                .healthEndpoint(true)                     // GET /healthz, no token, says only ok or unavailable
                .build());
    }

    @Test
    void theDurableFacadeKeepsJobsAcrossARestart(@TempDir Path dataDir) throws InterruptedException {
        Job finished;
        try (JdbcJobRepository store = JdbcJobRepository.open(JdbcStoreConfig.h2File(dataDir));
             PipelineTrigger trigger = durableFacade(new FakeContainerRunner(), store, dataDir)) {
            Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            while (!trigger.getJob(job.id()).status().isTerminal()) {
                Thread.sleep(5);
            }
            finished = trigger.getJob(job.id());
        }
        try (JdbcJobRepository store = JdbcJobRepository.open(JdbcStoreConfig.h2File(dataDir))) {
            assertThat(store.findById(finished.id())).contains(finished);
        }
    }

    @Test
    void aRetryWithTheSameKeyIsTheSameJobAndACancelEndsIt() throws InterruptedException {
        FakeStep ingester = FakeStep.runningUntilReleased();
        try (PipelineTrigger trigger = PipelineTrigger.builder()
                .containerRunner(new FakeContainerRunner().on(StepName.INGESTER, ingester)).build()) {
            Job job = cancelAndRetry(trigger);
            while (!trigger.getJob(job.id()).status().isTerminal()) {
                Thread.sleep(5);
            }
            assertThat(trigger.listJobs()).hasSize(1);
            assertThat(trigger.getJob(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void theProtectedFeatureRegistersIntoAnyResourceConfig() {
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(new FakeContainerRunner()).build()) {
            assertThat(yourProtectedApplication(trigger, "a-token-of-at-least-16-chars").getInstances())
                    .hasAtLeastOneElementOfType(PipelineTriggerFeature.class);
        }
    }

    @Test
    void theFacadeBuildsOnTheProcessRunner() {
        try (PipelineTrigger trigger = buildTheFacade()) {
            assertThat(trigger.listJobs()).isEmpty();
        }
    }

    @Test
    void theFeatureRegistersIntoAnyResourceConfig() {
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(new FakeContainerRunner()).build()) {
            assertThat(yourApplication(trigger, true).getInstances()).hasAtLeastOneElementOfType(PipelineTriggerFeature.class);
        }
    }

    // docs/embedding.md: "Swap the runner in tests"
    @Test
    void aDbtFailureCompletesTheJobWithItsExitCode() throws InterruptedException {
        FakeContainerRunner runner = new FakeContainerRunner()
                .on(StepName.DBT, FakeStep.printing("Done. PASS=266 WARN=0 ERROR=5").thenExiting(1));
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).build()) {
            Job job = triggerAndFollow(trigger, Duration.ofMillis(10));

            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.exitCodeForDisplay()).isEqualTo(1);
            assertThat(job.output()).contains("ERROR=5");
            assertThat(runner.startedSteps().get(0).arguments()).containsExactly("build");
            assertThat(runner.startedSteps().get(0).environment()).containsEntry("ENABLE_ELEMENTARY", "false");
        }
    }

    @Test
    void aSecondTriggerWhileOneRunsIsRefused() throws InterruptedException {
        FakeStep ingester = FakeStep.runningUntilReleased();
        FakeContainerRunner runner = new FakeContainerRunner().on(StepName.INGESTER, ingester);
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).build()) {
            Job first = trigger.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
            ingester.awaitStarted();

            assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)))
                    .isInstanceOfSatisfying(PipelineBusyException.class,
                            busy -> assertThat(busy.runningJobId()).isEqualTo(first.id().value()));
            ingester.finish();
        }
    }
}
