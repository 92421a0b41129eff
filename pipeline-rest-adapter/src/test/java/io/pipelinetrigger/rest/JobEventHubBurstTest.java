package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A hub that falls far behind a step printing fast holds every follower back until the step slows down. */
class JobEventHubBurstTest {

    private static final JobId JOB = JobId.of("dbt-1710460800000-abc123");
    private static final Job RUNNING = Job.accepted(JOB,
            new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED),
            Instant.parse("2024-03-15T00:00:00Z"));
    private static final int PAGE = EventSources.Settings.DEFAULT.pageBytes();

    /** A running job's log of {@code size} letters; while {@code printing}, each read finds four pages more. */
    private static final class GrowingLog implements ReadLogQuery {
        private final List<ReadLogCommand> reads = new CopyOnWriteArrayList<>();
        private volatile long size;
        private volatile boolean printing;

        @Override
        public synchronized LogPage readLog(ReadLogCommand command) {
            if (printing) {
                size += 4L * PAGE;
            }
            reads.add(command);
            long end = Math.min(size, command.offset() + command.limit());
            return new LogPage("x".repeat((int) (end - command.offset())), end, true, size);
        }

        boolean readTo(long offset) {
            return reads.stream().anyMatch(read -> read.offset() == offset);
        }

        long sizeLooks() {
            return reads.stream().filter(read -> read.limit() == 1).count();
        }
    }

    private final GrowingLog log = new GrowingLog();
    private final JobEventHubs hubs = new JobEventHubs(new EventSources(log, id -> RUNNING, WatchJobQuery.NONE,
            new WireJson(), EventSources.Settings.DEFAULT));
    private JobEventHub hub;

    @AfterEach
    void closeHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aHubThatKeepsUpWithTheLogDeclaresNoBurst() throws InterruptedException {
        log.size = 10L * PAGE;
        hub = hubs.attach(JOB, 0);

        awaitTrue(() -> log.readTo(log.size));

        assertThat(log.sizeLooks()).isZero();
        assertThat(hubs.burst().awaitOver(0)).isTrue();
    }

    @Test
    void whileTheLogGrowsFarAheadOfTheHubFollowersAreHeldBackAndOnceItSlowsTheHubReadsOnToTheEnd()
            throws InterruptedException {
        log.size = 32L * PAGE;
        log.printing = true;
        hub = hubs.attach(JOB, 0);

        awaitTrue(() -> log.sizeLooks() >= 3); // the hub only looks at the log's size now
        assertThat(hubs.burst().awaitOver(0)).isFalse();
        long readBeyondTheFirstPage = log.reads.stream().filter(read -> read.limit() > 1 && read.offset() > 0).count();
        assertThat(readBeyondTheFirstPage).isZero();

        log.printing = false;
        assertThat(hubs.burst().awaitOver(30_000)).isTrue();
        awaitTrue(() -> log.readTo(log.size));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
