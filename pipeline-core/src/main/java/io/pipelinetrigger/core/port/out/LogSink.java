package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.LogChunk;

/** Where a runner sends a step's output as it arrives; a lambda is a valid sink. */
@FunctionalInterface
public interface LogSink {

    /**
     * Called from the runner's reading thread(s). The chunk may be over the runner's own buffer
     * ({@link LogChunk#borrowing}), valid only until this returns: take its bytes in before returning, or keep
     * {@link LogChunk#copy()}.
     */
    void accept(LogChunk chunk);
}
