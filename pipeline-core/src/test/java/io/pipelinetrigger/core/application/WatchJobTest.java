package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WatchJobTest {

    @TempDir
    Path dataDir;

    @Test
    void a_watcher_is_nudged_by_appended_output_and_saved_changes_and_no_more_once_closed() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner();
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner)
                .outputArchive(new FileOutputArchive(dataDir)).stopGrace(Duration.ofMillis(100)).build()) {
            FakeStep dbt = FakeStep.runningUntilReleased().andBytes("one\n".getBytes()).thenExiting(0);
            runner.on(StepName.DBT, dbt);
            AtomicInteger nudges = new AtomicInteger();
            Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            WatchJobQuery.Watch watch = trigger.watch(job.id(), nudges::incrementAndGet);
            dbt.awaitStarted();
            dbt.finish();
            trigger.awaitEnd(job.id(), Duration.ofSeconds(10)).toCompletableFuture().get();
            // at least the step's end and the job's end were saved while watched
            assertThat(nudges.get()).isGreaterThanOrEqualTo(2);

            watch.close();
            watch.close();
            int before = nudges.get();
            runner.on(StepName.DBT, FakeStep.printing("two"));
            Job next = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            trigger.awaitEnd(next.id(), Duration.ofSeconds(10)).toCompletableFuture().get();
            trigger.awaitEnd(job.id(), Duration.ofSeconds(1)).toCompletableFuture().get();
            assertThat(nudges.get()).isEqualTo(before);
        }
    }

    @Test
    void a_watcher_that_throws_does_not_break_the_step_it_watches() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner();
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner)
                .outputArchive(new FileOutputArchive(dataDir)).stopGrace(Duration.ofMillis(100)).build()) {
            FakeStep dbt = FakeStep.runningUntilReleased().andBytes("out\n".getBytes()).thenExiting(0);
            runner.on(StepName.DBT, dbt);
            Job job = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            trigger.watch(job.id(), () -> {
                throw new IllegalStateException("a buggy watcher");
            });
            dbt.finish();
            Job ended = trigger.awaitEnd(job.id(), Duration.ofSeconds(10)).toCompletableFuture().get();
            assertThat(ended.status().wireName()).isEqualTo("completed");
        }
    }
}
