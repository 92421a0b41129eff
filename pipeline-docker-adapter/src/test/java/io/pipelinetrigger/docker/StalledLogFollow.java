package io.pipelinetrigger.docker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's answer to one log follow as Debian's Docker 20.10 sometimes gives it (docs/docker.md, "When the
 * log stream breaks"): the output reaches the client up to a given text, later output never does, and yet the
 * answer ends cleanly at the container's exit. So every chunk of the chunked answer is passed on until the client
 * has the text; after that the chunks are dropped, all but the final zero-length one.
 *
 * <p>Only whole chunks are dropped, and only from the end of a multiplexed frame on, so the client sees a well-formed
 * answer whose frames are all whole. An answer that is not chunked is passed on as it is.
 */
final class StalledLogFollow {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    /** Where in the answer the next bytes belong: its head, its chunks, the trailer after the last chunk, past it. */
    private enum Part { HEAD, CHUNKS, TRAILER, PASSED_ON }

    private final String text;
    private final Frames frames = new Frames();
    private final AtomicLong keptBack = new AtomicLong();
    private byte[] unread = new byte[0];
    private Part part = Part.HEAD;
    private boolean stalled;

    /** @param text the output after which no more reaches the client */
    StalledLogFollow(String text) {
        this.text = latin1(text.getBytes(StandardCharsets.UTF_8));
    }

    /** How many bytes of the container's output were kept from the client. */
    long keptBack() {
        return keptBack.get();
    }

    /** What to send on to the client of the bytes the engine sent now (whole units only; the rest waits). */
    ByteBuffer forward(ByteBuffer fromEngine) {
        byte[] arrived = new byte[fromEngine.remaining()];
        fromEngine.get(arrived);
        unread = concat(unread, arrived);
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        int used;
        while ((used = take(toClient)) > 0) {
            unread = Arrays.copyOfRange(unread, used, unread.length);
        }
        return ByteBuffer.wrap(toClient.toByteArray());
    }

    /** Takes the next whole unit of the answer from {@code unread}; how many bytes it used, 0 when none is whole yet. */
    private int take(ByteArrayOutputStream toClient) {
        switch (part) {
            case HEAD -> {
                int end = indexOf(unread, END_OF_HEAD);
                if (end < 0) {
                    return 0;
                }
                int length = end + END_OF_HEAD.length;
                String head = latin1(Arrays.copyOf(unread, length)).toLowerCase(Locale.ROOT);
                part = head.contains("\r\ntransfer-encoding: chunked\r\n") ? Part.CHUNKS : Part.PASSED_ON;
                toClient.write(unread, 0, length);
                return length;
            }
            case CHUNKS -> {
                return takeChunk(toClient);
            }
            case TRAILER -> {
                int end = indexOf(unread, CRLF);
                if (end < 0) {
                    return 0;
                }
                part = end == 0 ? Part.PASSED_ON : Part.TRAILER; // an empty line ends the answer
                toClient.write(unread, 0, end + CRLF.length);
                return end + CRLF.length;
            }
            default -> {
                toClient.write(unread, 0, unread.length);
                return unread.length;
            }
        }
    }

    private int takeChunk(ByteArrayOutputStream toClient) {
        int sizeLineEnd = indexOf(unread, CRLF);
        if (sizeLineEnd < 0) {
            return 0;
        }
        String sizeLine = latin1(Arrays.copyOf(unread, sizeLineEnd));
        int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
        int dataStart = sizeLineEnd + CRLF.length;
        if (size == 0) {
            part = Part.TRAILER; // the final chunk: the clean end, passed on even when stalled
            toClient.write(unread, 0, dataStart);
            return dataStart;
        }
        int length = dataStart + size + CRLF.length;
        if (unread.length < length) {
            return 0;
        }
        if (stalled) {
            keptBack.addAndGet(size);
            return length;
        }
        toClient.write(unread, 0, length);
        frames.read(unread, dataStart, size);
        stalled = frames.payloadSoFar().contains(text) && frames.atFrameStart();
        return length;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: indexes stay byte offsets
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        return latin1(bytes).indexOf(latin1(wanted));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * Docker's multiplexed frames in a chunked answer's data: an 8-byte header (stream type, three zero bytes, the
     * payload's length as a big-endian uint32), then the payload. A frame may span chunks, so they are followed here.
     */
    private static final class Frames {

        private final byte[] header = new byte[8];
        private int headerRead;
        private long payloadLeft;
        private final StringBuilder payloadSoFar = new StringBuilder();

        void read(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (payloadLeft > 0) {
                    payloadSoFar.append((char) (bytes[i] & 0xff));
                    payloadLeft--;
                    continue;
                }
                header[headerRead++] = bytes[i];
                if (headerRead == header.length) {
                    headerRead = 0;
                    payloadLeft = ByteBuffer.wrap(header, 4, 4).getInt() & 0xffffffffL;
                }
            }
        }

        boolean atFrameStart() {
            return headerRead == 0 && payloadLeft == 0;
        }

        String payloadSoFar() {
            return payloadSoFar.toString();
        }
    }
}
