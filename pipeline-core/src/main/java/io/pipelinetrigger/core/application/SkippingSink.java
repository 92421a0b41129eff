package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.port.out.LogSink;

/**
 * Drops the first {@code skip} bytes of a replayed step output (what was already seen before a restart) and
 * passes the rest on.
 */
final class SkippingSink implements LogSink {

    private final LogSink next;
    private long toSkip;

    SkippingSink(long skip, LogSink next) {
        this.toSkip = skip;
        this.next = next;
    }

    @Override
    public synchronized void accept(LogChunk chunk) {
        if (toSkip >= chunk.length()) {
            toSkip -= chunk.length();
            return;
        }
        int from = (int) toSkip;
        toSkip = 0;
        next.accept(from == 0 ? chunk : new LogChunk(chunk.step(), chunk.stream(), chunk.bytes(), from, chunk.length() - from));
    }
}
