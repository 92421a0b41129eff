package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.LogChunk;

/** Where a runner sends a step's output as it arrives; a lambda is a valid sink. */
@FunctionalInterface
public interface LogSink {

    /** Called from the runner's reading thread(s); the chunk owns a copy of its bytes. */
    void accept(LogChunk chunk);
}
