package io.pipelinetrigger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 of the log text an event stream carries, computed on its bytes: the {@code data:} lines of
 * {@code log} events, joined by newlines within an event, as a client would rebuild the log. No line is decoded
 * into a string, so hashing 100 MB per follower costs little next to what the server does to send it.
 */
final class LogEventDigest {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOG = "log".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest digest;
    private final Runnable firstLogLine;
    private byte[] line = new byte[8192];
    private int length;
    private boolean inLogEvent;
    private boolean firstDataLine = true;

    LogEventDigest() {
        this(() -> { });
    }

    /** @param firstLogLine told when the stream carried its first line of log (the follower is attached) */
    LogEventDigest(Runnable firstLogLine) {
        this.firstLogLine = firstLogLine;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] of(InputStream events) throws IOException {
        byte[] buffer = new byte[65536];
        for (int n = events.read(buffer); n >= 0; n = events.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    endOfLine();
                } else {
                    append(buffer[i]);
                }
            }
        }
        return digest.digest();
    }

    private void append(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = b;
    }

    private void endOfLine() {
        if (startsWith(EVENT)) {
            inLogEvent = length - EVENT.length == LOG.length && Arrays.equals(line, EVENT.length, length, LOG, 0, LOG.length);
            firstDataLine = true;
        } else if (inLogEvent && startsWith(DATA)) {
            if (!firstDataLine) {
                digest.update((byte) '\n');
            }
            digest.update(line, DATA.length, length - DATA.length);
            if (firstDataLine) {
                firstLogLine.run();
            }
            firstDataLine = false;
        }
        length = 0;
    }

    private boolean startsWith(byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }
}
