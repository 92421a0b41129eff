package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Optional;

/**
 * After a server restart: finds the container of a step that was running before it (by the saved id, else by
 * its deterministic name; its labels must name the same job and step) and follows it again as if it had just
 * been started. Its whole log is replayed from the start; core drops what it had already seen.
 */
final class StepRecovery {

    private static final System.Logger LOG = System.getLogger(StepRecovery.class.getName());

    private final DockerEngine engine;
    private final DockerRunnerConfig config;

    StepRecovery(DockerEngine engine, DockerRunnerConfig config) {
        this.engine = engine;
        this.config = config;
    }

    RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        String step = spec.step().wireName();
        String name = ContainerPlan.nameFor(spec, config.instance());
        try {
            Optional<ContainerState> found = find(spec, runnerId, name);
            if (found.isEmpty()) {
                return new RecoveredStep.Gone("The container of the " + step + " step (" + name + ") was not found"
                        + " after the restart; it was removed while the server was down, so its result is unknown.");
            }
            ContainerState container = found.get();
            if (!container.runs(spec, config.instance())) {
                return new RecoveredStep.Gone("The container named " + name + " does not carry the labels of the " + step
                        + " step of job " + spec.jobId() + " of instance " + config.instance()
                        + "; it was not reattached after the restart.");
            }
            if (container.isCreatedOnly()) {
                // the server stopped between create and start: the step never ran, so run it now
                LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": container " + name
                        + " was created but never started before the restart; starting it");
                startCreated(container, spec);
            }
            Optional<Long> memoryLimit = config.step(spec.step()).flatMap(DockerStepConfig::memoryLimitBytes);
            DockerRunningStep reattached = DockerRunningStep.follow(engine, spec, container.id(), name, memoryLimit,
                    config.engineCheckInterval(), sink);
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": reattached to container " + name + " ("
                    + (container.isCreatedOnly() ? "started now" : container.status()) + ")");
            return new RecoveredStep.Reattached(reattached);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": could not reattach to container " + name
                    + ": " + e.engineMessage());
            return new RecoveredStep.Gone("Could not reattach to the " + step + " step after the restart: "
                    + ContainerState.sentence(e.engineMessage()));
        }
    }

    /** By the saved id first (if it is still ours), else by name: the id outlives a rename, the name a lost save. */
    private Optional<ContainerState> find(StepSpec spec, Optional<String> runnerId, String name) {
        if (runnerId.isPresent() && !runnerId.get().isBlank()) {
            Optional<ContainerState> byId = engine.inspect(runnerId.get()).filter(container -> container.runs(spec, config.instance()));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return engine.inspect(name);
    }

    private void startCreated(ContainerState container, StepSpec spec) {
        try {
            engine.start(container.id());
        } catch (EngineCallException e) {
            if (!e.engineDidNotAnswer()) {
                removeQuietly(container, spec); // the engine refuses to start it: it would only be in the way
            }
            throw e;
        }
    }

    private void removeQuietly(ContainerState container, StepSpec spec) {
        try {
            engine.remove(container.id());
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": could not remove container "
                    + container.name() + ": " + e.engineMessage());
        }
    }
}
