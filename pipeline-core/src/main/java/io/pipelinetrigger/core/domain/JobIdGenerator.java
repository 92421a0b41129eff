package io.pipelinetrigger.core.domain;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** Makes fresh job ids from the clock and a random source (a SecureRandom in production). */
public final class JobIdGenerator {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 6;

    private final InstantSource clock;
    private final RandomGenerator random;

    public JobIdGenerator(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public JobId next(Pipeline pipeline) {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new JobId(pipeline.wireName() + "-" + clock.millis() + "-" + suffix);
    }
}
