package io.pipelinetrigger.core.port.out;

import java.util.Objects;

/** What a runner found of a step it started before the server restarted. */
public sealed interface RecoveredStep {

    /**
     * The step is still there (running, or exited with its result still readable): follow it as if it had
     * just been started. Its output is replayed from its start into the sink.
     */
    record Reattached(RunningStep step) implements RecoveredStep {
        public Reattached {
            Objects.requireNonNull(step, "step");
        }
    }

    /** The step cannot be found or followed any more; {@code reason} says why in one sentence. */
    record Gone(String reason) implements RecoveredStep {
        public Gone {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
