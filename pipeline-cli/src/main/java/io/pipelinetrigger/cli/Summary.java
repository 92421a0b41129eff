package io.pipelinetrigger.cli;

import java.time.Instant;
import java.util.stream.Collectors;

/** The one line that ends a wait or a follow: outcome, exit code, duration, each step's result. */
final class Summary {

    private Summary() {
    }

    static String of(JobView job, Instant now) {
        String steps = job.steps().stream()
                .map(step -> step.name() + " " + step.status() + step.exitCode().map(code -> " (" + code + ")").orElse(""))
                .collect(Collectors.joining(", "));
        String line = job.jobId() + " " + job.result() + ", exit " + ExitCodes.forJob(job) + ", "
                + Durations.format(job.elapsed(now)) + (steps.isEmpty() ? "" : "; " + steps);
        return job.error().filter(error -> !job.result().equals("succeeded")).map(error -> line + "; " + error).orElse(line);
    }
}
