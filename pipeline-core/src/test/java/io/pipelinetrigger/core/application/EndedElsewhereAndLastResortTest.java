package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job can end without its execution: another server on the same store records a cancel. The execution then
 * records nothing more and stops its step. And whatever breaks inside an execution, its job does not stay running.
 */
@Timeout(30)
class EndedElsewhereAndLastResortTest {

    private static final String OTHER_END = "Cancelled through another server.";

    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private final FakeContainerRunner fake = new FakeContainerRunner();
    private PipelineTrigger trigger;

    @AfterEach
    void closeTrigger() {
        trigger.close();
    }

    private PipelineTrigger triggerOn(ContainerRunner runner) {
        trigger = PipelineTrigger.builder().containerRunner(runner).jobRepository(store)
                .outputSaveInterval(Duration.ofMillis(20)).build();
        return trigger;
    }

    private void endElsewhere(JobId id) {
        Job saved = store.findById(id).orElseThrow();
        assertThat(store.update(saved.cancel(OTHER_END, OptionalInt.empty(), Instant.now(), saved.output()))).isTrue();
    }

    @Test
    void a_job_ended_elsewhere_while_its_step_runs_stops_the_step_and_keeps_the_other_end() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().ignoringStop();
        fake.on(StepName.DBT, dbt);
        Job job = triggerOn(fake).trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        endElsewhere(job.id());
        while (!dbt.wasStopped()) {
            Thread.sleep(5); // the next output save is refused, which tells the execution; the class timeout bounds it
        }
        dbt.finish();

        assertThat(trigger.shutdown(Duration.ofSeconds(5))).as("the execution let go").isTrue();
        Job stored = store.findById(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored.error()).contains(OTHER_END);
        assertThat(stored.output()).doesNotContain("pipeline-trigger:");
    }

    @Test
    void a_job_ended_elsewhere_before_its_step_was_named_never_starts_the_step() throws Exception {
        List<Optional<RunningStep>> handedOver = new CopyOnWriteArrayList<>();
        ContainerRunner endingFirst = new ContainerRunner() {
            @Override
            public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
                endElsewhere(spec.jobId()); // between "step started" and the runner's create
                Optional<RunningStep> step = fake.start(spec, sink, created);
                handedOver.add(step);
                return step;
            }

            @Override
            public Optional<ConflictingRun> findConflictingRun() {
                return Optional.empty();
            }
        };
        Job job = triggerOn(endingFirst).trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        while (handedOver.isEmpty()) {
            Thread.sleep(5); // polls a condition; the class timeout bounds it
        }

        assertThat(trigger.shutdown(Duration.ofSeconds(5))).isTrue();

        assertThat(handedOver).containsExactly(Optional.empty());
        assertThat(fake.startedSteps()).isEmpty();
        Job stored = store.findById(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored.error()).contains(OTHER_END);
        assertThat(stored.step(StepName.DBT).runnerId()).isEmpty();
    }

    @Test
    void an_unexpected_error_while_running_fails_the_job_as_a_last_resort() throws Exception {
        ContainerRunner broken = new ContainerRunner() {
            @Override
            public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
                throw new IllegalStateException("a bug in the runner");
            }

            @Override
            public Optional<ConflictingRun> findConflictingRun() {
                return Optional.empty();
            }
        };
        Job job = triggerOn(broken).trigger(TriggerPipelineCommand.of(Pipeline.DBT));

        Job done = Polling.untilFinished(trigger, job.id());

        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.error()).contains("The job broke off because of an internal error (IllegalStateException); see the server log.");
        assertThat(done.output()).endsWith("pipeline-trigger: The job broke off because of an internal error"
                + " (IllegalStateException); see the server log.\n");
    }
}
