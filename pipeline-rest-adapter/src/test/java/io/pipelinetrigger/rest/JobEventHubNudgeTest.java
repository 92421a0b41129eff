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

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub's reader that waits for the step's next line is woken by the nudge of that line, not by its look once a
 * second (docs/architecture.md, "The event stream": a nudge wakes the reader only while it waits for one).
 */
class JobEventHubNudgeTest {

    private static final JobId JOB = JobId.of("dbt-1710460800000-abc123");
    private static final Job RUNNING = Job.accepted(JOB,
            new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED),
            Instant.parse("2024-03-15T00:00:00Z"));
    /** How long the reader waits without a nudge before it looks anyway. */
    private static final Duration LOOK_ANYWAY = Duration.ofSeconds(1);

    private final Step step = new Step();
    private final JobEventHubs hubs = new JobEventHubs(new EventSources(step, id -> RUNNING, step, new WireJson(),
            EventSources.Settings.DEFAULT));
    private JobEventHub hub;

    @AfterEach
    void closeHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void eachLineOfAStepPrintingAtAHumanPaceWakesTheWaitingReader() throws InterruptedException {
        hub = hubs.attach(JOB, 0);
        for (int line = 1; line <= 20; line++) {
            int before = step.size();
            step.awaitReadAt(before);
            awaitReaderParkedForANudge(); // it found nothing new: it waits, and a nudge now is what must wake it
            long printed = System.nanoTime();
            step.print("line " + line + "\n");

            while (hub.position() == before) {
                Thread.sleep(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - printed)).as("line %d handed on", line)
                    .isLessThan(LOOK_ANYWAY);
        }
    }

    /** Waits until the hub's reader is parked in {@code awaitNudge} (not in a pause that nudges do not end). */
    private static void awaitReaderParkedForANudge() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!readerParkedForANudge()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static boolean readerParkedForANudge() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("pipeline-events-" + JOB.value()))
                .anyMatch(thread -> thread.getKey().getState() == Thread.State.TIMED_WAITING
                        && thread.getValue().length > 2
                        && thread.getValue()[1].getMethodName().equals("parkNanos")
                        && Arrays.stream(thread.getValue()).limit(4)
                                .anyMatch(frame -> frame.getMethodName().equals("awaitNudge")));
    }

    /** A running step's log, which nudges its watchers when it prints. */
    private static final class Step implements ReadLogQuery, WatchJobQuery {
        private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
        private final List<Long> readsAt = new CopyOnWriteArrayList<>();
        private volatile String log = "";

        void print(String text) {
            log += text;
            watchers.forEach(Runnable::run);
        }

        int size() {
            return log.length();
        }

        void awaitReadAt(long offset) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!readsAt.contains(offset)) {
                assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        @Override
        public LogPage readLog(ReadLogCommand command) {
            readsAt.add(command.offset());
            String text = log;
            int end = (int) Math.min(text.length(), command.offset() + command.limit());
            return new LogPage(text.substring((int) command.offset(), end), end, true, text.length());
        }

        @Override
        public Watch watch(JobId id, Runnable onChange) {
            watchers.add(onChange);
            return () -> watchers.remove(onChange);
        }
    }
}
