package io.pipelinetrigger.rest;

/**
 * Whether a followed step is printing faster than its followers can be fed (docs/architecture.md, "The event
 * stream"). A hub that finds itself far behind its log's end declares a burst and stops reading; while one lasts,
 * followers hold back their bulk (pages and queued frames) and send only heartbeats, so the step has the machine
 * to itself; when the log stops growing fast, the hub reads on and the followers catch up. A count, not a flag:
 * several followed jobs may each be in a burst.
 */
final class OutputBurst {

    private int lasting;

    synchronized void begin() {
        lasting++;
    }

    synchronized void end() {
        lasting = Math.max(0, lasting - 1);
        notifyAll();
    }

    /** Waits while a burst lasts, at most {@code millis}; true when none lasts (any more). */
    synchronized boolean awaitOver(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (lasting > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
