package io.pipelinetrigger.process;

import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each step as a local process: the embedded default where no Docker engine is wanted, and the runner for
 * operators who run dbt on the host. The child inherits the server's environment, then gets the step's
 * configured environment, then the job's (see docs/configuration.md), each overriding the one before.
 */
public final class ProcessContainerRunner implements ContainerRunner {

    private static final System.Logger LOG = System.getLogger(ProcessContainerRunner.class.getName());

    private final Map<StepName, ProcessStepConfig> steps;

    public ProcessContainerRunner(Map<StepName, ProcessStepConfig> steps) {
        this.steps = steps.isEmpty() ? Map.of() : new EnumMap<>(steps);
    }

    /**
     * Starts the step's program. A process has no name before it runs, so {@code created} hears its pid right
     * after the start, before any of its output is read; declined (or failing), the process and its children are
     * killed at once.
     */
    @Override
    public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
        ProcessStepConfig config = Optional.ofNullable(steps.get(spec.step())).orElseThrow(() ->
                new StepLaunchException("No program is configured for the " + spec.step().wireName() + " step."));
        List<String> commandLine = new ArrayList<>(config.command());
        commandLine.addAll(spec.arguments());
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().putAll(config.environment());
        builder.environment().putAll(spec.environment());
        config.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException | SecurityException e) {
            throw new StepLaunchException("Could not start " + commandLine.get(0) + " for the "
                    + spec.step().wireName() + " step: " + e.getMessage() + ".", e);
        }
        boolean proceed;
        try {
            proceed = created.proceed(ProcessStep.idOf(process));
        } catch (RuntimeException | Error notSaved) {
            ProcessStep.kill(process);
            throw notSaved;
        }
        if (!proceed) {
            ProcessStep.kill(process);
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": " + spec.step().wireName()
                    + " step not wanted any more; killed process " + process.pid());
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": " + spec.step().wireName()
                + " step started as process " + process.pid());
        return Optional.of(new ProcessStep(spec, process, sink));
    }

    /** Child processes end with the server (they are stopped on shutdown): a restarted server cannot reattach. */
    @Override
    public boolean stepsOutliveTheServer() {
        return false;
    }

    /** A local process cannot tell which other processes on the host are pipeline runs: nothing to report. */
    @Override
    public Optional<ConflictingRun> findConflictingRun() {
        return Optional.empty();
    }
}
