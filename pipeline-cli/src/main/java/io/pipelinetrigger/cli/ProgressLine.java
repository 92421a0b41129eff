package io.pipelinetrigger.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * While waiting: on a terminal one line redrawn in place (step, elapsed time, bytes of log); elsewhere a
 * plain line each time the running step changes, and never a control character.
 */
final class ProgressLine {

    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream stream;
    private final boolean terminal;
    private final String jobId;
    private String lastStep = "";
    private boolean drawn;

    ProgressLine(PrintStream stream, boolean terminal, String jobId) {
        this.stream = stream;
        this.terminal = terminal;
        this.jobId = jobId;
    }

    void show(JobView job, Duration elapsed, long logBytes) {
        String step = job.currentStep();
        if (terminal) {
            stream.print(CLEAR_LINE + jobId + "  " + step + " " + job.status() + "  " + Durations.format(elapsed)
                    + "  " + bytes(logBytes) + " of log");
            stream.flush();
            drawn = true;
        } else if (!step.equals(lastStep)) {
            stream.println(jobId + ": " + step + " " + job.status());
        }
        lastStep = step;
    }

    /** Wipes the live line, so what follows starts on a clean line. */
    void finish() {
        if (drawn) {
            stream.print(CLEAR_LINE);
            stream.flush();
            drawn = false;
        }
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        if (count < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", count / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", count / (1024.0 * 1024.0));
    }
}
