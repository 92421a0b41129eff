package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.net.HttpURLConnection;
import java.util.Locale;
import java.util.Optional;

/**
 * Create → start → follow logs → register the wait, for one step, translating what the engine says into
 * the core's launch failures: the step's fault ({@link StepLaunchException}, the job fails with the
 * engine's words) or the engine's absence ({@link RunnerUnavailableException}).
 */
final class StepLauncher {

    private static final System.Logger LOG = System.getLogger(StepLauncher.class.getName());

    private final DockerEngine engine;
    private final DockerRunnerConfig config;

    StepLauncher(DockerEngine engine, DockerRunnerConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /**
     * Creates (or adopts) the step's container, names it to {@code created}, starts it and follows it; empty (and
     * the container removed unstarted) when {@code created} declines it.
     */
    Optional<DockerRunningStep> launch(StepSpec spec, LogSink sink, StepCreated created) {
        String step = spec.step().wireName();
        DockerStepConfig stepConfig = config.step(spec.step()).orElseThrow(() -> new StepLaunchException(
                "No image is configured for step " + step + " (PIPELINE_" + step.toUpperCase(Locale.ROOT) + "_IMAGE)."));
        ContainerPlan plan = ContainerPlan.of(spec, stepConfig, config.network(), config.instance());
        String containerId = createOrAdopt(plan, spec);
        boolean proceed;
        try {
            proceed = created.proceed(containerId); // saved before the step runs, so a crash now cannot lose it
        } catch (RuntimeException | Error notSaved) {
            removeGivenUp(containerId, plan, spec);
            throw notSaved;
        }
        if (!proceed) {
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": step " + step + " is not wanted any more;"
                    + " removing its container " + plan.name() + " unstarted");
            removeGivenUp(containerId, plan, spec);
            return Optional.empty();
        }
        start(containerId, plan, spec);
        LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": step " + step + " runs in container " + plan.name()
                + " (" + shortId(containerId) + ", image " + plan.image() + ")");
        try {
            return Optional.of(DockerRunningStep.follow(engine, spec, containerId, plan.name(), plan.memoryLimitBytes(),
                    config.engineCheckInterval(), sink));
        } catch (EngineCallException e) { // e.g. the runner was closed meanwhile: do not leave the container behind
            removeGivenUp(containerId, plan, spec);
            throw unavailable(e);
        }
    }

    private String createOrAdopt(ContainerPlan plan, StepSpec spec) {
        String step = spec.step().wireName();
        try {
            return engine.create(plan);
        } catch (EngineCallException e) {
            if (e.is(HttpURLConnection.HTTP_CONFLICT)) {
                return adopt(plan, spec, e);
            }
            if (e.engineDidNotAnswer()) {
                throw unavailable(e);
            }
            if (e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                throw new StepLaunchException("Image " + plan.image() + " of step " + step + " is not on the Docker engine ("
                        + e.engineMessage() + "); pull or build it there first.");
            }
            throw new StepLaunchException("The Docker engine refused to create the container of step " + step + ": "
                    + ContainerState.sentence(e.engineMessage()));
        }
    }

    /** A 409 on create: our own earlier create went through before its answer was lost, or a stale container is in the way. */
    private String adopt(ContainerPlan plan, StepSpec spec, EngineCallException conflict) {
        ContainerState existing;
        try {
            existing = engine.inspect(plan.name()).orElseThrow(() -> conflict);
        } catch (EngineCallException e) {
            throw e.engineDidNotAnswer() ? unavailable(e) : new StepLaunchException("The container name " + plan.name()
                    + " of step " + spec.step().wireName() + " is taken: " + ContainerState.sentence(conflict.engineMessage()));
        }
        boolean ours = existing.runs(spec, config.instance());
        if (ours && existing.isCreatedOnly()) {
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": adopting container " + plan.name()
                    + " that an earlier create made");
            return existing.id();
        }
        throw new StepLaunchException("A container named " + plan.name() + " already exists (" + existing.status()
                + "); remove it with \"docker rm -f " + plan.name() + "\" and trigger again.");
    }

    private void start(String containerId, ContainerPlan plan, StepSpec spec) {
        try {
            engine.start(containerId);
        } catch (EngineCallException e) {
            removeGivenUp(containerId, plan, spec);
            if (e.engineDidNotAnswer()) {
                throw unavailable(e);
            }
            throw new StepLaunchException("The Docker engine could not start step " + spec.step().wireName() + ": "
                    + ContainerState.sentence(e.engineMessage()));
        }
    }

    private void removeGivenUp(String containerId, ContainerPlan plan, StepSpec spec) {
        try {
            engine.remove(containerId);
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": could not remove container " + plan.name()
                    + " after its launch was given up: " + e.engineMessage());
        }
    }

    static RunnerUnavailableException unavailable(EngineCallException e) {
        // the message carries the engine's words; no docker-java type leaves the adapter as a cause
        return new RunnerUnavailableException(capitalized(ContainerState.sentence(e.engineMessage())));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
