package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A hub that falls far behind a step printing fast holds every follower back until the step slows down. */
class JobEventHubBurstTest {

    private static final JobId JOB = PrintedLog.JOB;
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
    private final JobEventHubs hubs = new JobEventHubs(new EventSources(log, id -> PrintedLog.RUNNING,
            WatchJobQuery.NONE, new WireJson(), EventSources.Settings.DEFAULT));
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

        Await.until(() -> log.readTo(log.size));

        assertThat(log.sizeLooks()).isZero();
        assertThat(hubs.burst().awaitOver(0)).isTrue();
    }

    @Test
    void whileTheLogGrowsFarAheadOfTheHubFollowersAreHeldBackAndOnceItSlowsTheHubReadsOnToTheEnd()
            throws InterruptedException {
        log.size = 32L * PAGE;
        log.printing = true;
        hub = hubs.attach(JOB, 0);

        Await.until(() -> log.sizeLooks() >= 3); // the hub only looks at the log's size now
        assertThat(hubs.burst().awaitOver(0)).isFalse();
        long readBeyondTheFirstPage = log.reads.stream().filter(read -> read.limit() > 1 && read.offset() > 0).count();
        assertThat(readBeyondTheFirstPage).isZero();

        log.printing = false;
        assertThat(hubs.burst().awaitOver(30_000)).isTrue();
        Await.until(() -> log.readTo(log.size));
    }

    @Test
    void aBurstLastsWhileTheStepPrintsThoughEveryChunkItPrintsNudgesTheHub() throws InterruptedException {
        PrintingStep step = new PrintingStep(32L * PAGE, 1);
        JobEventHubs nudged = step.hubs();
        hub = nudged.attach(JOB, 0);
        step.startPrinting();
        try {
            Await.until(() -> step.sizeLooks() >= 5); // 50 ms of looks, each 10 ms after the one before

            assertThat(nudged.burst().awaitOver(0)).as("still in the burst").isFalse();
            assertThat(step.reads).as("no page read beyond the first one while the step prints")
                    .noneMatch(read -> read.limit() > 1 && read.offset() > 0);
        } finally {
            step.stopPrinting();
        }
        assertThat(nudged.burst().awaitOver(30_000)).isTrue();
    }

    @Test
    void aStepThatBeginsToPrintFastIsInABurstBeforeAPageOfWhatItPrintsGoesOut() throws InterruptedException {
        PrintingStep step = new PrintingStep(10, 2); // a short first line, then two pages a millisecond
        JobEventHubs nudged = step.hubs();
        hub = nudged.attach(JOB, 0);
        Await.until(() -> step.reads.stream().filter(read -> read.offset() == 10).count() >= 1); // caught up
        step.startPrinting();
        try {
            Await.until(() -> !nudged.burst().awaitOver(0));

            assertThat(hub.position()).as("published nothing after the first line").isEqualTo(10);
        } finally {
            step.stopPrinting();
        }
        Await.until(() -> hub.position() == step.size());
    }

    @Test
    void theFirstPageThatFindsTheLogFarAheadWaitsForTheBurstsEndBeforeItGoesOut() throws InterruptedException {
        log.size = 32L * PAGE;
        log.printing = true;
        hub = hubs.attach(JOB, 0);
        Await.until(() -> log.sizeLooks() >= 1);

        assertThat(hub.position()).as("published nothing").isZero();

        log.printing = false;
        Await.until(() -> log.readTo(log.size));
    }

    /**
     * A log of {@code before} bytes to which, once {@link #startPrinting()} is called, a step adds
     * {@code pagesPerMilli} pages each millisecond, each of its chunks nudging the watchers (as the archive does):
     * the log does not grow at all between two reads less than a millisecond apart.
     */
    private static final class PrintingStep implements ReadLogQuery, WatchJobQuery {
        private final long before;
        private final int pagesPerMilli;
        private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
        private final List<ReadLogCommand> reads = new CopyOnWriteArrayList<>();
        private final Thread printer = new Thread(this::nudgeWhilePrinting);
        private volatile boolean started;
        private volatile long startedAt;
        private volatile long stoppedAt = Long.MAX_VALUE;

        PrintingStep(long before, int pagesPerMilli) {
            this.before = before;
            this.pagesPerMilli = pagesPerMilli;
        }

        JobEventHubs hubs() {
            return new JobEventHubs(new EventSources(this, id -> PrintedLog.RUNNING, this, new WireJson(),
                    EventSources.Settings.DEFAULT));
        }

        void startPrinting() {
            startedAt = System.nanoTime();
            started = true;
            printer.start();
        }

        void stopPrinting() throws InterruptedException {
            stoppedAt = System.nanoTime();
            printer.join();
        }

        @Override
        public LogPage readLog(ReadLogCommand command) {
            reads.add(command);
            long size = size();
            long end = Math.min(size, command.offset() + command.limit());
            return new LogPage("x".repeat((int) (end - command.offset())), end, true, size);
        }

        @Override
        public Watch watch(JobId id, Runnable onChange) {
            watchers.add(onChange);
            return () -> watchers.remove(onChange);
        }

        long sizeLooks() {
            return reads.stream().filter(read -> read.limit() == 1).count();
        }

        long size() {
            if (!started) {
                return before;
            }
            long until = Math.min(System.nanoTime(), stoppedAt); // never shrinks, also while it stops
            return before + (until - startedAt) / 1_000_000 * pagesPerMilli * PAGE;
        }

        private void nudgeWhilePrinting() {
            while (stoppedAt == Long.MAX_VALUE) {
                watchers.forEach(Runnable::run);
                Thread.onSpinWait();
            }
        }
    }
}
