package io.pipelinetrigger.process;

import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A step running as a local process, with one pump per output stream. */
final class ProcessStep implements RunningStep {

    private static final System.Logger LOG = System.getLogger(ProcessStep.class.getName());

    /** How long output may keep flowing after the process exited (from children it left behind). */
    private static final long OUTPUT_DRAIN_MILLIS = 10_000;

    private final StepSpec spec;
    private final Process process;
    private final OutputPump stdout;
    private final OutputPump stderr;

    ProcessStep(StepSpec spec, Process process, LogSink sink) {
        this.spec = spec;
        this.process = process;
        closeStdin(process);
        String prefix = "pipeline-output-" + spec.jobId() + "-" + spec.step().wireName();
        this.stdout = new OutputPump(prefix + "-stdout", process.getInputStream(), spec.step(), LogStream.STDOUT, sink);
        this.stderr = new OutputPump(prefix + "-stderr", process.getErrorStream(), spec.step(), LogStream.STDERR, sink);
        stdout.start();
        stderr.start();
    }

    @Override
    public String id() {
        return idOf(process);
    }

    static String idOf(Process process) {
        return "pid " + process.pid();
    }

    /** Kills a process that is not followed (yet), with every process it started. */
    static void kill(Process process) {
        familyOf(process).forEach(ProcessHandle::destroyForcibly);
        closeQuietly(process.getOutputStream());
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
    }

    @Override
    public StepOutcome awaitExit() throws InterruptedException {
        int exitCode = process.waitFor();
        boolean drained = stdout.awaitEnd(OUTPUT_DRAIN_MILLIS) & stderr.awaitEnd(OUTPUT_DRAIN_MILLIS);
        if (!drained) {
            // a child the step left running still holds the pipes open; the step itself has ended
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": " + spec.step().wireName()
                    + " step exited but a process it started still holds its output open; no longer reading it");
            stdout.abandon();
            stderr.abandon();
        }
        return new StepOutcome.Exited(exitCode);
    }

    /**
     * SIGTERM to the process and every process it started, then SIGKILL to whatever is left after the grace.
     * Returns at once; the kill happens on a timer.
     */
    @Override
    public void stop(Duration grace) {
        List<ProcessHandle> family = familyOf(process);
        family.forEach(ProcessHandle::destroy);
        CompletableFuture.runAsync(() -> killAll(family),
                CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            killAll(familyOf(process));
        }
    }

    /** Steps get no input: a step that reads stdin sees its end at once instead of hanging. */
    private static void closeStdin(Process process) {
        closeQuietly(process.getOutputStream());
    }

    private static void closeQuietly(java.io.Closeable stream) {
        try {
            stream.close();
        } catch (java.io.IOException ignored) {
            // the process may already be gone; nothing to close then
        }
    }

    private void killAll(List<ProcessHandle> known) {
        Stream.concat(known.stream(), familyOf(process).stream()).distinct()
                .filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> familyOf(Process process) {
        return Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    }
}
