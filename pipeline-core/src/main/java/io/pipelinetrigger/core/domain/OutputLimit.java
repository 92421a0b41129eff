package io.pipelinetrigger.core.domain;

/**
 * How many bytes of output a job keeps as its tail: the one default and the one allowed range, for the
 * facade's builder and {@code PIPELINE_OUTPUT_LIMIT_BYTES} alike (see docs/configuration.md).
 */
public final class OutputLimit {

    public static final int DEFAULT_BYTES = 10_240;
    /** Below a kilobyte a tail shows too little of a failure to be worth keeping. */
    public static final int MIN_BYTES = 1_024;
    /** Every running job holds its tail in memory. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private OutputLimit() {
    }

    public static boolean allows(int bytes) {
        return bytes >= MIN_BYTES && bytes <= MAX_BYTES;
    }

    /** @throws IllegalArgumentException when {@code bytes} is outside {@link #MIN_BYTES}..{@link #MAX_BYTES} */
    public static int require(int bytes) {
        if (!allows(bytes)) {
            throw new IllegalArgumentException("the output limit must be from " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes, got " + bytes);
        }
        return bytes;
    }
}
