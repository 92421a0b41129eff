package io.pipelinetrigger.jdbc;

import java.time.Instant;

/** Instants as epoch nanoseconds in a BIGINT: exact for whatever the clock produced, years 1677 to 2262. */
final class EpochNanos {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final Instant MIN = toInstant(Long.MIN_VALUE);
    private static final Instant MAX = toInstant(Long.MAX_VALUE);

    private EpochNanos() {
    }

    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the job store keeps instants from 1677 to 2262, got " + instant, e);
        }
    }

    /** For a cutoff: an instant beyond the range stands for its nearest end, as every saved instant is inside it. */
    static long clamped(Instant instant) {
        if (instant.isBefore(MIN)) {
            return Long.MIN_VALUE;
        }
        return instant.isAfter(MAX) ? Long.MAX_VALUE : of(instant);
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }
}
