package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one store and one archive, as replicas are: a follower on the server that does not execute the
 * job hears of its output and its end from the store.
 */
@Timeout(30)
class FollowJobsRunElsewhereTest {

    @TempDir
    Path archiveDir;

    private final InMemoryJobRepository store = new InMemoryJobRepository();

    private PipelineTrigger server(FakeContainerRunner runner) {
        return PipelineTrigger.builder().containerRunner(runner).jobRepository(store)
                .outputArchive(new FileOutputArchive(archiveDir)).stopGrace(Duration.ofMillis(100)).build();
    }

    @Test
    void a_watcher_on_the_other_server_is_nudged_by_new_output_and_a_waiter_there_hears_the_end() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner();
        try (PipelineTrigger executing = server(runner);
             PipelineTrigger other = server(new FakeContainerRunner()).followJobsRunElsewhere(Duration.ofMillis(20))) {
            FakeStep dbt = FakeStep.runningUntilReleased().andBytes("one\n".getBytes()).thenExiting(0);
            runner.on(StepName.DBT, dbt);
            Job job = executing.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
            Semaphore nudges = new Semaphore(0);
            try (WatchJobQuery.Watch ignored = other.watch(job.id(), nudges::release)) {
                dbt.awaitStarted();
                LogPage page = other.readLog(ReadLogCommand.fromStart(job.id()));
                while (!page.text().equals("one\n")) {
                    assertThat(nudges.tryAcquire(10, TimeUnit.SECONDS)).as("nudged by the new output").isTrue();
                    page = other.readLog(ReadLogCommand.fromStart(job.id()));
                }
                assertThat(page.more()).isTrue();

                // an hour's wait: only the end seen in the store can answer it within the test's timeout
                CompletableFuture<Job> ended = other.awaitEnd(job.id(), Duration.ofHours(1)).toCompletableFuture();
                nudges.drainPermits();
                dbt.finish();
                assertThat(ended.get().status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(nudges.tryAcquire(10, TimeUnit.SECONDS)).as("nudged by the end").isTrue();
                assertThat(other.readLog(ReadLogCommand.fromStart(job.id())).more()).isFalse();
            }
        }
    }
}
