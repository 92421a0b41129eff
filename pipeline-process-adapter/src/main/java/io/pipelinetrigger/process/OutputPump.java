package io.pipelinetrigger.process;

import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;

import java.io.IOException;
import java.io.InputStream;

/** Copies one output stream of a process into the sink, chunk by chunk, on its own thread. */
final class OutputPump {

    /**
     * A Linux pipe's default capacity: a step that prints fast fills the pipe, and one read then empties it, so a
     * gigabyte is 16,384 chunks through the tail and the archive rather than 131,072 (docs/performance.md).
     */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Thread thread;
    private final InputStream input;

    OutputPump(String threadName, InputStream input, StepName step, LogStream stream, LogSink sink) {
        this.input = input;
        this.thread = new Thread(() -> pump(input, step, stream, sink), threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return true when the stream has ended and every byte reached the sink */
    boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Unblocks a pump whose stream is held open by a process we no longer wait for. */
    void abandon() {
        try {
            input.close();
        } catch (IOException ignored) {
            // closing is best effort: the thread ends either way once the stream breaks
        }
    }

    private static void pump(InputStream input, StepName step, LogStream stream, LogSink sink) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (input) {
            int read;
            while ((read = input.read(buffer)) != -1) {
                // lent, not copied: the sink takes the bytes in before the next read overwrites them
                sink.accept(LogChunk.borrowing(step, stream, buffer, 0, read));
            }
        } catch (IOException streamClosed) {
            // the process is gone or we abandoned the stream: what was read has been delivered
        }
    }
}
