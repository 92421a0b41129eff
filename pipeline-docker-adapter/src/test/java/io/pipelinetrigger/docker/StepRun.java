package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A step run to its end in a test: how it ended and every chunk of output, in arrival order. */
record StepRun(StepOutcome outcome, List<LogChunk> chunks) {

    static StepSpec spec(JobId jobId, StepName step, Map<String, String> environment, List<String> arguments) {
        return new StepSpec(jobId, step, environment, arguments);
    }

    static StepSpec spec(JobId jobId, StepName step) {
        return spec(jobId, step, Map.of(), List.of());
    }

    /** Starts the step, saying yes when the runner names its container. */
    static RunningStep started(ContainerRunner runner, StepSpec spec, LogSink sink) {
        return runner.start(spec, sink, containerId -> true).orElseThrow();
    }

    /** Starts, follows to the exit, closes (which removes the container). */
    static StepRun of(ContainerRunner runner, StepSpec spec) throws InterruptedException {
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (RunningStep step = started(runner, spec, chunks::add)) {
            return new StepRun(step.awaitExit(), chunks);
        }
    }

    String text(LogStream stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.stream().filter(chunk -> chunk.stream() == stream).forEach(chunk -> out.writeBytes(chunk.bytes()));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Both streams as they arrived, each chunk prefixed with its stream, e.g. {@code out:a\n|err:b\n}. */
    String interleaved() {
        return chunks.stream()
                .map(chunk -> (chunk.stream() == LogStream.STDOUT ? "out:" : "err:")
                        + new String(chunk.bytes(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("|"));
    }
}
