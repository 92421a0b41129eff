package io.pipelinetrigger.rest;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits in tests for what another thread does: a condition looked at every millisecond, for 30 s at most. */
final class Await {

    /** A condition that may itself wait (as {@link OutputBurst#awaitOver} does). */
    interface Condition {
        boolean holds() throws InterruptedException;
    }

    private Await() {
    }

    static void until(Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
