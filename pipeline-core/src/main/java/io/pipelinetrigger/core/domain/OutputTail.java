package io.pipelinetrigger.core.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The last {@code limit} bytes of a job's output, all steps and both streams interleaved in arrival order.
 * Memory stays at {@code limit} bytes (plus up to three held-back bytes a stream) however much a step prints.
 * Bytes are kept as bytes and decoded once when read, so the text never starts or breaks inside a character:
 * a character split across two chunks of one stream is held back until it is whole, even when another
 * stream's chunk arrives in between. Thread-safe: runners feed it from their own threads.
 */
public final class OutputTail {

    private static final byte[] NOTHING = new byte[0];

    private final byte[] ring;
    private final OutputSanitizer sanitizer;
    private long written;
    private final Map<StepName, Map<LogStream, byte[]>> heldBack = new EnumMap<>(StepName.class);

    public OutputTail(int limitBytes) {
        this(limitBytes, OutputSanitizer.NONE);
    }

    /** A tail whose {@link #text()} is cleaned by {@code sanitizer} (control sequences, secrets). */
    public OutputTail(int limitBytes, OutputSanitizer sanitizer) {
        // the ring must hold one whole UTF-8 character; the limit a job may be given is OutputLimit's rule
        if (limitBytes < 4) {
            throw new IllegalArgumentException("the output limit must be at least 4 bytes, got " + limitBytes);
        }
        this.ring = new byte[limitBytes];
        this.sanitizer = sanitizer;
    }

    public int limitBytes() {
        return ring.length;
    }

    public synchronized void accept(LogChunk chunk) {
        Map<LogStream, byte[]> streams = heldBack(chunk.step());
        byte[] pending = streams.getOrDefault(chunk.stream(), NOTHING);
        chunk.readInto((bytes, offset, length) -> {
            if (pending.length == 0) {
                // the usual case: into the ring straight from the chunk's bytes, no joined copy (docs/performance.md)
                int incomplete = Utf8.incompleteSuffixLength(bytes, offset + length);
                write(bytes, offset, length - incomplete);
                streams.put(chunk.stream(), incomplete == 0 ? NOTHING
                        : Arrays.copyOfRange(bytes, offset + length - incomplete, offset + length));
                return;
            }
            byte[] joined = new byte[pending.length + length];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(bytes, offset, joined, pending.length, length);
            int incomplete = Utf8.incompleteSuffixLength(joined, joined.length);
            write(joined, 0, joined.length - incomplete);
            streams.put(chunk.stream(), Arrays.copyOfRange(joined, joined.length - incomplete, joined.length));
        });
    }

    /** A step's streams have ended: bytes of a character that never completed are kept as they are. */
    public synchronized void endOfStep(StepName step) {
        Map<LogStream, byte[]> pending = heldBack.remove(step);
        if (pending != null) {
            pending.values().forEach(bytes -> write(bytes, 0, bytes.length));
        }
    }

    /** Adds a line of our own (e.g. why a job failed), so the output ends with it. */
    public synchronized void appendLine(String line) {
        byte[] bytes = (line.endsWith("\n") ? line : line + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    public synchronized long totalBytesSeen() {
        return written;
    }

    /** The tail as text, starting at the first whole character inside the limit, cleaned by the sanitizer. */
    public synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] ordered = new byte[size];
        int start = (int) ((written - size) % ring.length);
        int firstPart = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, ordered, 0, firstPart);
        System.arraycopy(ring, 0, ordered, firstPart, size - firstPart);
        int skip = 0;
        while (written > ring.length && skip < size && skip < 3 && Utf8.isContinuation(ordered[skip])) {
            skip++;
        }
        return sanitizer.clean(new String(ordered, skip, size - skip, StandardCharsets.UTF_8));
    }

    private Map<LogStream, byte[]> heldBack(StepName step) {
        return heldBack.computeIfAbsent(step, s -> new EnumMap<>(LogStream.class));
    }

    private void write(byte[] bytes, int offset, int length) {
        if (length >= ring.length) {
            // only the last ring.length bytes can survive: skip the rest without copying it
            offset += length - ring.length;
            written += length - ring.length;
            length = ring.length;
        }
        int position = (int) (written % ring.length);
        int firstPart = Math.min(length, ring.length - position);
        System.arraycopy(bytes, offset, ring, position, firstPart);
        System.arraycopy(bytes, offset + firstPart, ring, 0, length - firstPart);
        written += length;
    }
}
