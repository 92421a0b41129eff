package io.pipelinetrigger.core.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A piece of a step's output as it arrived: raw bytes, not yet decoded, because a chunk may end in the
 * middle of a multi-byte character. The bytes are copied on the way in, so a runner may reuse its buffer.
 */
public final class LogChunk {

    private final StepName step;
    private final LogStream stream;
    private final byte[] bytes;

    public LogChunk(StepName step, LogStream stream, byte[] source, int offset, int length) {
        this.step = Objects.requireNonNull(step, "step");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.bytes = Arrays.copyOfRange(source, offset, offset + length);
    }

    public LogChunk(StepName step, LogStream stream, byte[] source) {
        this(step, stream, source, 0, source.length);
    }

    public StepName step() {
        return step;
    }

    public LogStream stream() {
        return stream;
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Writes the bytes to {@code out} without copying them first (an archive's append); {@code out} must not
     * keep the array, which no {@code OutputStream} does.
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** Hands the bytes to a reader without copying them again; the reader must not keep or change them. */
    void readInto(ByteConsumer consumer) {
        consumer.accept(bytes, 0, bytes.length);
    }

    @FunctionalInterface
    interface ByteConsumer {
        void accept(byte[] bytes, int offset, int length);
    }
}
