package io.pipelinetrigger.core.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts one page out of a raw log and cleans it so that a page never shows part of a secret (docs/api.md, "Read
 * the whole log"). Offsets count raw bytes, so they stay valid whatever the cleaning does to the text.
 *
 * <ul>
 *   <li>A page ends at the last newline inside it; without one, at a UTF-8 character boundary. A page that
 *   reaches the end of the log of a job that has ended is not cut.</li>
 *   <li>Secrets are looked for in the page plus up to (longest secret − 1) bytes on each side, and every byte of
 *   the page that an occurrence covers is redacted: a secret cut by the page's start or end is still hidden.</li>
 *   <li>While the job runs, the bytes after the page may not be written yet: a page that does not end at a
 *   newline stops (longest secret − 1) bytes before the end written so far, so that a secret still being
 *   written is never shown in part.</li>
 * </ul>
 */
public final class LogWindow {

    /** The largest page: a client that asks for more gets a 400, not a server that reads gigabytes at once. */
    public static final int MAX_LIMIT_BYTES = 8 * 1024 * 1024;

    /** Random access to the raw log bytes. */
    @FunctionalInterface
    public interface RawLog {
        /** Exactly {@code length} bytes from {@code from}; the caller stays within the size it was given. */
        byte[] read(long from, int length);
    }

    private LogWindow() {
    }

    /**
     * @param size how many bytes the log has now
     * @param live whether more bytes can still be appended
     * @throws InvalidRequestException for an offset past {@code size}
     */
    public static LogPage page(RawLog log, long size, boolean live, long offset, int limit, OutputSanitizer sanitizer) {
        if (offset < 0 || offset > size) {
            throw new InvalidRequestException("The offset " + offset + " is past the end of the log, which has "
                    + size + " bytes so far.");
        }
        if (limit < 1 || limit > MAX_LIMIT_BYTES) {
            throw new InvalidRequestException("The limit must be from 1 to " + MAX_LIMIT_BYTES + " bytes, got " + limit + ".");
        }
        int context = Math.max(0, sanitizer.longestSecretBytes() - 1);
        int length = (int) Math.min(size - offset, limit);
        byte[] window = log.read(offset, length);
        boolean moreAfter = offset + length < size;
        int cut = (moreAfter || live) ? cut(window, length, moreAfter) : length;
        boolean endsAtNewline = cut > 0 && window[cut - 1] == '\n' && !sanitizer.aSecretHoldsANewline();
        if (live && context > 0 && size - (offset + cut) < context && !endsAtNewline) {
            int safe = (int) Math.max(0, size - context - offset);
            cut = cut(window, Math.min(cut, safe), true);
        }
        long end = offset + cut;
        long before = Math.max(0, offset - context);
        long after = Math.min(size, end + context);
        // without a secret to look for, the page's own bytes are all it needs: no second read, no second array
        byte[] around = context == 0 ? window : log.read(before, (int) (after - before));
        int start = (int) (offset - before);
        String text = clean(around, start, cut, sanitizer);
        return new LogPage(text, end, live || end < size, size);
    }

    /**
     * Where a page of {@code length} bytes ends: after its last newline, else at a character boundary. A page
     * that would so end empty keeps its bytes when more follow (a limit under 4 bytes), so a reader always moves on.
     */
    private static int cut(byte[] window, int length, boolean moreFollow) {
        for (int i = length - 1; i >= 0; i--) {
            if (window[i] == '\n') {
                return i + 1;
            }
        }
        int whole = length - Utf8.incompleteSuffixLength(window, length);
        return whole == 0 && moreFollow ? length : whole;
    }

    /** The page {@code around[start, start + length)}, with every byte a secret occurrence covers redacted. */
    private static String clean(byte[] around, int start, int length, OutputSanitizer sanitizer) {
        boolean[] covered = null;
        List<byte[]> secrets = sanitizer.secretBytes();
        for (byte[] secret : secrets) {
            for (int at = indexOf(around, secret, 0); at >= 0; at = indexOf(around, secret, at + 1)) {
                covered = covered == null ? new boolean[length] : covered;
                for (int i = Math.max(at, start); i < Math.min(at + secret.length, start + length); i++) {
                    covered[i - start] = true;
                }
            }
        }
        if (covered == null) {
            // no secret near the page (most pages): its text in one piece, without the copies of the runs below
            return sanitizer.cleanControls(new String(around, start, length, StandardCharsets.UTF_8));
        }
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < length) {
            int runEnd = i;
            while (runEnd < length && covered[runEnd] == covered[i]) {
                runEnd++;
            }
            text.append(covered[i] ? OutputSanitizer.REDACTED
                    : sanitizer.cleanControls(new String(around, start + i, runEnd - i, StandardCharsets.UTF_8)));
            i = runEnd;
        }
        return text.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
