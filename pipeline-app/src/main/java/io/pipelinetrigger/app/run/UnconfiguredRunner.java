package io.pipelinetrigger.app.run;

import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Optional;

/**
 * The runner of a server whose API is disabled and whose steps are not configured: it sees no other run and
 * starts nothing, saying what is missing. A job a previous start left running cannot be followed by it and
 * ends failed with that sentence.
 */
final class UnconfiguredRunner implements ContainerRunner {

    private final String whatIsMissing;

    UnconfiguredRunner(String whatEnablingNeeds) {
        this.whatIsMissing = "The runner is not configured: " + whatEnablingNeeds + ".";
    }

    @Override
    public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
        throw new StepLaunchException(whatIsMissing);
    }

    @Override
    public Optional<ConflictingRun> findConflictingRun() {
        return Optional.empty();
    }

    @Override
    public RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        return new RecoveredStep.Gone(whatIsMissing);
    }
}
