package io.pipelinetrigger.core.port.out;

import java.util.Objects;
import java.util.OptionalInt;

/** How a step ended, as the runner saw it. */
public sealed interface StepOutcome {

    /** The step ran to its exit; {@code exitCode} is its own (0 = clean). */
    record Exited(int exitCode) implements StepOutcome {
    }

    /**
     * The step could not be run or followed to its end (killed for memory, engine lost, ...). {@code reason}
     * is one sentence; {@code exitCode} is the step's code where one is known.
     */
    record Failed(String reason, OptionalInt exitCode) implements StepOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(exitCode, "exitCode");
        }
    }
}
