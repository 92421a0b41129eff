package io.pipelinetrigger.core.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A piece of a step's output as it arrived: raw bytes, not yet decoded, because a chunk may end in the
 * middle of a multi-byte character. A chunk made with the constructor owns a copy of its bytes, so a runner may
 * reuse its buffer. A runner that reads output as fast as a step prints it may instead lend its buffer
 * ({@link #borrowing}): such a chunk is valid only while the sink's {@code accept} runs, which is all the sinks of
 * a step need (the tail and the archive take the bytes in before they return), and it spares a copy of every byte
 * the step prints (docs/performance.md, "The output path").
 */
public final class LogChunk {

    private final StepName step;
    private final LogStream stream;
    private final byte[] bytes;
    private final int offset;
    private final int length;

    public LogChunk(StepName step, LogStream stream, byte[] source, int offset, int length) {
        this(Arrays.copyOfRange(source, offset, offset + length), 0, length, step, stream);
    }

    public LogChunk(StepName step, LogStream stream, byte[] source) {
        this(step, stream, source, 0, source.length);
    }

    /** Over {@code bytes} as they are, not copied. */
    private LogChunk(byte[] bytes, int offset, int length, StepName step, LogStream stream) {
        this.step = Objects.requireNonNull(step, "step");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        this.offset = offset;
        this.length = length;
    }

    /**
     * A chunk over {@code length} bytes of the caller's {@code buffer} from {@code offset}, not copied: valid only
     * until the sink it is handed to returns, after which the caller may overwrite the buffer. A sink that keeps a
     * chunk past its {@code accept} keeps {@link #copy()}.
     */
    public static LogChunk borrowing(StepName step, LogStream stream, byte[] buffer, int offset, int length) {
        return new LogChunk(buffer, offset, length, step, stream);
    }

    /** A chunk that owns a copy of these bytes, to keep after the sink's {@code accept} has returned. */
    public LogChunk copy() {
        return new LogChunk(step, stream, bytes, offset, length);
    }

    public StepName step() {
        return step;
    }

    public LogStream stream() {
        return stream;
    }

    public int length() {
        return length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /**
     * Writes the bytes to {@code out} without copying them first (an archive's append); {@code out} must not
     * keep the array, which no {@code OutputStream} does.
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
    }

    /** Hands the bytes to a reader without copying them again; the reader must not keep or change them. */
    void readInto(ByteConsumer consumer) {
        consumer.accept(bytes, offset, length);
    }

    @FunctionalInterface
    interface ByteConsumer {
        void accept(byte[] bytes, int offset, int length);
    }
}
