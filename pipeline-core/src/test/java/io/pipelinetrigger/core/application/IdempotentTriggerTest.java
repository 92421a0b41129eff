package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.IdempotencyKeyReusedException;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class IdempotentTriggerTest {

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).build();

    @AfterEach
    void closeTrigger() {
        trigger.close();
    }

    private static TriggerPipelineCommand dbtDaily() {
        return new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.DAILY), Optional.empty(), Optional.empty());
    }

    @Test
    void a_retry_with_the_same_key_and_request_gets_the_first_job_instead_of_a_conflict() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);

        Job first = trigger.trigger(dbtDaily(), Optional.of("nightly-2024-03-15"));
        dbt.awaitStarted();
        Job retry = trigger.trigger(dbtDaily(), Optional.of("nightly-2024-03-15"));

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(trigger.listJobs()).hasSize(1);
        assertThat(runner.startedSteps()).hasSize(1);
    }

    @Test
    void a_retry_after_the_job_finished_still_gets_it_and_starts_nothing_new() throws Exception {
        Job first = trigger.trigger(dbtDaily(), Optional.of("k-1"));
        while (!trigger.getJob(first.id()).status().isTerminal()) {
            Thread.sleep(5);
        }

        assertThat(trigger.trigger(dbtDaily(), Optional.of("k-1")).id()).isEqualTo(first.id());
        assertThat(runner.startedSteps()).hasSize(1);
    }

    @Test
    void the_same_key_with_another_request_is_refused_and_changes_nothing() {
        runner.on(StepName.DBT, FakeStep.runningUntilReleased());
        Job first = trigger.trigger(dbtDaily(), Optional.of("k-2"));
        TriggerPipelineCommand other = new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.BUILD),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> trigger.trigger(other, Optional.of("k-2")))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class,
                        e -> assertThat(e.originalJobId()).isEqualTo(first.id()));
        assertThat(trigger.listJobs()).hasSize(1);
    }

    @Test
    void another_key_while_a_job_runs_is_an_ordinary_conflict() {
        runner.on(StepName.DBT, FakeStep.runningUntilReleased());
        trigger.trigger(dbtDaily(), Optional.of("k-3"));

        assertThatThrownBy(() -> trigger.trigger(dbtDaily(), Optional.of("k-4"))).isInstanceOf(PipelineBusyException.class);
        assertThatThrownBy(() -> trigger.trigger(dbtDaily())).isInstanceOf(PipelineBusyException.class);
    }

    @Test
    void a_key_that_is_empty_too_long_or_not_visible_ascii_is_refused() {
        for (String bad : new String[]{"", "x".repeat(256), "with space", "tab\t", "é"}) {
            assertThatThrownBy(() -> trigger.trigger(dbtDaily(), Optional.of(bad)))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(trigger.listJobs()).isEmpty();
    }

    @Test
    void the_fingerprint_tells_requests_apart_by_every_field() {
        assertThat(dbtDaily().fingerprint()).isEqualTo(dbtDaily().fingerprint());
        assertThat(dbtDaily().fingerprint()).isNotEqualTo(TriggerPipelineCommand.of(Pipeline.DBT).fingerprint());
        assertThat(new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.DAILY), Optional.of(false),
                Optional.empty()).fingerprint()).isNotEqualTo(dbtDaily().fingerprint());
    }
}
