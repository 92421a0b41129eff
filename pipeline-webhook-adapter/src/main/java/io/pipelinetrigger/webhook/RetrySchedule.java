package io.pipelinetrigger.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed message is tried again (docs/webhooks.md, "Retries"): 5 s after the first attempt, then six times
 * longer each time up to 10 h, each delay moved by up to ±20 % so that receivers coming back are not hit by every
 * sender at once; the 8th failed attempt gives up, about 22 h after the first.
 */
final class RetrySchedule {

    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    private static final Duration LONGEST_DELAY = Duration.ofHours(10);
    private static final int GROWTH = 6;
    private static final double JITTER = 0.2;

    private final RandomGenerator random;

    RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /** After attempt {@code attemptsMade} failed at {@code now}: when to try again, or empty to give up. */
    Optional<Instant> next(int attemptsMade, Instant now) {
        if (attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Optional.of(now.plusMillis(Math.round(delay(attemptsMade).toMillis() * factor)));
    }

    /** The delay after attempt {@code attemptsMade} before jitter. */
    static Duration delay(int attemptsMade) {
        Duration delay = FIRST_DELAY;
        for (int i = 1; i < attemptsMade && delay.compareTo(LONGEST_DELAY) < 0; i++) {
            delay = delay.multipliedBy(GROWTH);
        }
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }
}
