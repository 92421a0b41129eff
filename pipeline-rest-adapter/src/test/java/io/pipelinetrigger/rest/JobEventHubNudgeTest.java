package io.pipelinetrigger.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub's reader that waits for the step's next line is woken by the nudge of that line, not by its look once a
 * second (docs/architecture.md, "The event stream": a nudge wakes the reader only while it waits for one).
 */
class JobEventHubNudgeTest {

    /** How long the reader waits without a nudge before it looks anyway. */
    private static final Duration LOOK_ANYWAY = Duration.ofSeconds(1);

    private final PrintedLog step = new PrintedLog();
    private final JobEventHub hub = step.hubs(EventSources.Settings.DEFAULT).attach(PrintedLog.JOB, 0);

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void eachLineOfAStepPrintingAtAHumanPaceWakesTheWaitingReader() throws InterruptedException {
        for (int line = 1; line <= 20; line++) {
            int before = step.size();
            Await.until(() -> step.readAt(before));
            // it found nothing new: it waits, and a nudge now is what must wake it
            Await.until(JobEventHubNudgeTest::readerParkedForANudge);
            long printed = System.nanoTime();
            step.print("line " + line + "\n");

            Await.until(() -> hub.position() > before);
            assertThat(Duration.ofNanos(System.nanoTime() - printed)).as("line %d handed on", line)
                    .isLessThan(LOOK_ANYWAY);
        }
    }

    /** Whether the hub's reader is parked in {@code awaitNudge} (not in a pause that nudges do not end). */
    private static boolean readerParkedForANudge() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("pipeline-events-" + PrintedLog.JOB.value()))
                .anyMatch(thread -> thread.getKey().getState() == Thread.State.TIMED_WAITING
                        && thread.getValue().length > 2
                        && thread.getValue()[1].getMethodName().equals("parkNanos")
                        && Arrays.stream(thread.getValue()).limit(4)
                                .anyMatch(frame -> frame.getMethodName().equals("awaitNudge")));
    }
}
