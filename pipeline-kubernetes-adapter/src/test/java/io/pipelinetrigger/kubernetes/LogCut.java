package io.pipelinetrigger.kubernetes;

import java.util.Arrays;

/** Cuts a log body the way a dropped connection does: after some lines, in the middle of the next one. */
final class LogCut {

    private LogCut() {
    }

    static byte[] afterLines(byte[] body, int lines) {
        int seen = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n' && ++seen == lines) {
                int nextEnd = i + 1;
                while (nextEnd < body.length && body[nextEnd] != '\n') {
                    nextEnd++;
                }
                return Arrays.copyOf(body, i + 1 + (nextEnd - i - 1) / 2);
            }
        }
        return body;
    }
}
