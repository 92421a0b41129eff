package io.pipelinetrigger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where the benchmark's step waits before it prints its bulk: a named pipe the step reads one line from. Opening
 * the gate writes that line, so the step goes on the moment the gate opens (a file polled for would add up to a
 * polling interval to every step, alone or followed, and a different amount each time).
 */
final class StepGate {

    private final Path fifo;

    private StepGate(Path fifo) {
        this.fifo = fifo;
    }

    /** A gate at {@code fifo}, made with {@code mkfifo}. */
    static StepGate at(Path fifo) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        return new StepGate(fifo);
    }

    /** What the step runs to wait at the gate. */
    String waitCommand() {
        return "read go < " + fifo;
    }

    /** Lets the waiting step go on; the instant it was let go. The write blocks until the step has the pipe open. */
    Instant open() throws IOException {
        Instant opened = Instant.now();
        Files.writeString(fifo, "go\n");
        return opened;
    }
}
