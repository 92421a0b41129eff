package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole log is the steps' archives one after the other: pages of any size read it the same across the seam. */
@Timeout(30)
class ReadLogAcrossStepsTest {

    @TempDir
    Path archiveDir;

    @Test
    void pagesOfEverySizeFromEveryOffsetReadTheIngestersLinesThenTheDbtOnes() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner()
                .on(StepName.INGESTER, FakeStep.printing("ingested one", "ingested two"))
                .on(StepName.DBT, FakeStep.printing("modelled"));
        try (PipelineTrigger server = PipelineTrigger.builder().containerRunner(runner)
                .jobRepository(new InMemoryJobRepository()).outputArchive(new FileOutputArchive(archiveDir))
                .stopGrace(Duration.ofMillis(100)).build()) {
            Job job = server.trigger(TriggerPipelineCommand.of(Pipeline.FULL));
            server.awaitEnd(job.id(), Duration.ofSeconds(20)).toCompletableFuture().get();
            String whole = "ingested one\ningested two\nmodelled\n";

            for (int limit = 1; limit <= whole.length() + 1; limit++) {
                for (int start = 0; start < whole.length(); start++) {
                    StringBuilder read = new StringBuilder();
                    long offset = start;
                    LogPage page;
                    do {
                        page = server.readLog(new ReadLogCommand(job.id(), Optional.empty(), offset, limit));
                        read.append(page.text());
                        offset = page.nextOffset();
                    } while (page.more());
                    assertThat(read.toString()).as("from " + start + " in pages of " + limit)
                            .isEqualTo(whole.substring(start));
                    assertThat(page.logBytes()).isEqualTo(whole.length());
                }
            }
        }
    }
}
