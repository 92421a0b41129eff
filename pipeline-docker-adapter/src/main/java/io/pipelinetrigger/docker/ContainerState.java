package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What inspecting a container told: the truth about how a step ended (the end of its log stream is not).
 * {@code error} is empty when the engine reported none.
 */
record ContainerState(String id, String name, Map<String, String> labels, String status, boolean running,
                      boolean oomKilled, long exitCode, String error) {

    /** What the kernel's OOM killer leaves as exit code (128 + SIGKILL). */
    static final int KILLED_EXIT_CODE = 137;
    /** How docker-init (tini) reports a program it could not exec: {@code [FATAL tini (7)] exec x failed: No such file or directory}. */
    private static final Pattern INIT_EXEC_FAILURE = Pattern.compile("\\[FATAL tini \\(\\d+\\)\\] (exec .* failed: .*)");

    ContainerState {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        status = status == null ? "" : status;
        error = error == null ? "" : error.strip();
    }

    boolean isCreatedOnly() {
        return "created".equals(status);
    }

    Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    /**
     * Whether this is the container our instance made for that step of that job (by its labels, not only its
     * name): another server's container is never adopted, reattached or removed.
     */
    boolean runs(StepSpec spec, String instance) {
        return ContainerPlan.instanceOf(labels).equals(instance)
                && label(ContainerPlan.JOB_ID_LABEL).equals(Optional.of(spec.jobId().value()))
                && label(ContainerPlan.STEP_LABEL).equals(Optional.of(spec.step().wireName()));
    }

    /**
     * How the step ended, for a container that is no longer running. {@code firstStderrLine} tells a program
     * that never ran: with an init process as PID 1 the engine starts the container fine, and it is init that
     * fails to exec the program, says so on stderr and exits 127 (not found) or 126 (not executable).
     */
    StepOutcome outcome(StepName step, Optional<Long> memoryLimitBytes, String firstStderrLine) {
        String stepName = step.wireName();
        Matcher initFailure = INIT_EXEC_FAILURE.matcher(firstStderrLine);
        if ((exitCode == 126 || exitCode == 127) && initFailure.matches()) {
            return new StepOutcome.Failed("The container of step " + stepName + " could not run its program: "
                    + sentence(initFailure.group(1)), OptionalInt.of((int) exitCode));
        }
        if (oomKilled) {
            int code = exitCode == 0 ? KILLED_EXIT_CODE : (int) exitCode;
            return new StepOutcome.Failed("Step " + stepName + " was killed because it ran out of memory"
                    + memoryLimitBytes.map(limit -> " (limit " + mebibytes(limit) + ")").orElse("")
                    + ", exit code " + code + ".", OptionalInt.of(code));
        }
        if (!error.isEmpty()) {
            return new StepOutcome.Failed("The Docker engine reported an error for step " + stepName + ": "
                    + sentence(error), exitCode == 0 ? OptionalInt.empty() : OptionalInt.of((int) exitCode));
        }
        if ("dead".equals(status)) {
            return new StepOutcome.Failed("The container of step " + stepName + " is dead: the engine could not stop or"
                    + " remove it cleanly.", exitCode == 0 ? OptionalInt.empty() : OptionalInt.of((int) exitCode));
        }
        if (isCreatedOnly()) {
            return new StepOutcome.Failed("The container of step " + stepName + " was never started.", OptionalInt.empty());
        }
        return new StepOutcome.Exited((int) exitCode);
    }

    private static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    static String sentence(String text) {
        String stripped = text.strip();
        return stripped.endsWith(".") ? stripped : stripped + ".";
    }
}
