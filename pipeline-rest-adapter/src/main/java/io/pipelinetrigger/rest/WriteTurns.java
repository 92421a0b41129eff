package io.pipelinetrigger.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many followers may read and write at the same moment (docs/architecture.md, "The event stream"). A follower
 * takes a turn for each piece of work (a page read from the archive and written, a frame written) and gives it back
 * at once, so hundreds of followers share a few runnable threads instead of all competing with the step for the
 * CPU. A turn held longer than {@code stuckAfter} stops counting: its holder is blocked in a write to a client that
 * does not read, and it must hold up nobody else until the write timeout drops it.
 */
final class WriteTurns {

    /** A turn: close it when the piece of work is done. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final int turns;
    private final long stuckAfterNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition returned = lock.newCondition();
    private final List<Held> held = new ArrayList<>();

    WriteTurns(int turns, Duration stuckAfter) {
        if (turns < 1 || stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("bad write turns: " + turns + " turns, stuck after " + stuckAfter);
        }
        this.turns = turns;
        this.stuckAfterNanos = Objects.requireNonNull(stuckAfter, "stuckAfter").toNanos();
    }

    /** Waits for a turn: one of {@code turns} is free, or every holder has held its turn past the bound. */
    Turn take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long oldestWorking = oldestWorkingSince(now);
                if (working(now) < turns) {
                    Held mine = new Held(now);
                    held.add(mine);
                    return () -> giveBack(mine);
                }
                // woken when a turn comes back, or when the oldest holder becomes stuck and stops counting
                returned.awaitNanos(Math.max(1, oldestWorking + stuckAfterNanos - now));
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many turns are held by followers that are not stuck (for tests and the health of the bound). */
    int working() {
        lock.lock();
        try {
            return working(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private int working(long now) {
        int working = 0;
        for (Held turn : held) {
            if (now - turn.since < stuckAfterNanos) {
                working++;
            }
        }
        return working;
    }

    private long oldestWorkingSince(long now) {
        long oldest = now;
        for (Held turn : held) {
            if (now - turn.since < stuckAfterNanos && turn.since - oldest < 0) {
                oldest = turn.since;
            }
        }
        return oldest;
    }

    private void giveBack(Held mine) {
        lock.lock();
        try {
            held.remove(mine);
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** One turn taken; compared by identity, as two may be taken in the same nanosecond. */
    private static final class Held {
        private final long since;

        private Held(long since) {
            this.since = since;
        }
    }
}
