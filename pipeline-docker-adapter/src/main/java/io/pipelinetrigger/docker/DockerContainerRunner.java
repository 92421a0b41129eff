package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs each step as a one-shot container through the Docker Engine API: create → start → follow logs →
 * wait → inspect → remove. Containers are named {@code pipeline-<step>-<jobId>} and labelled
 * {@code pipeline-trigger.job-id} / {@code pipeline-trigger.step}; they outlive the server, so a restarted
 * server reattaches to them ({@link #recover}). An engine that does not answer never stops this runner from
 * being created; each call then fails with {@link RunnerUnavailableException} until the engine answers again.
 */
public final class DockerContainerRunner implements ContainerRunner, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DockerContainerRunner.class.getName());

    private final DockerRunnerConfig config;
    private final DockerEngine engine;
    private final StepLauncher launcher;
    private final StepRecovery recovery;
    private final LeftoverContainers leftovers;

    private DockerContainerRunner(DockerRunnerConfig config, DockerEngine engine) {
        this.config = config;
        this.engine = engine;
        this.launcher = new StepLauncher(engine, config);
        this.recovery = new StepRecovery(engine, config);
        this.leftovers = new LeftoverContainers(engine, InstantSource.system(), config.instance());
    }

    /** Builds the runner and logs whether the engine answers (and its version); never throws for an absent engine. */
    public static DockerContainerRunner create(DockerRunnerConfig config) {
        DockerContainerRunner runner = new DockerContainerRunner(config, DockerEngine.connect(config));
        runner.logEngineAtStartUp();
        return runner;
    }

    /** The engine's version, e.g. {@code 20.10.24+dfsg1 (API 1.41)}, asked now; empty when it does not answer. */
    public Optional<String> engineVersion() {
        try {
            return Optional.of(engine.version());
        } catch (EngineCallException e) {
            return Optional.empty();
        }
    }

    /** The engine answers (asked now, within the control deadline): for the health check. */
    @Override
    public void checkReachable() {
        try {
            engine.version();
        } catch (EngineCallException e) {
            throw StepLauncher.unavailable(e);
        }
    }

    /** Every configured step's image is on the engine (this runner never pulls); else each missing one is named. */
    @Override
    public void checkImages() {
        List<String> missing = new ArrayList<>();
        try {
            for (StepName step : StepName.values()) {
                config.step(step).map(DockerStepConfig::image).filter(image -> !engine.hasImage(image))
                        .ifPresent(image -> missing.add(image + " (step " + step.wireName() + ")"));
            }
        } catch (EngineCallException e) {
            throw StepLauncher.unavailable(e);
        }
        if (!missing.isEmpty()) {
            throw new StepLaunchException("Not on the Docker engine: " + String.join(", ", missing)
                    + "; pull or build " + (missing.size() == 1 ? "it" : "them") + " there.");
        }
    }

    /** The configured network ({@code PIPELINE_DOCKER_NETWORK}) exists on the engine; no network configured is fine. */
    @Override
    public void checkNetwork() {
        Optional<String> network = config.network();
        try {
            if (network.isPresent() && !engine.hasNetwork(network.get())) {
                throw new StepLaunchException("Network " + network.get() + " (PIPELINE_DOCKER_NETWORK) is not on the Docker"
                        + " engine; create it with \"docker network create " + network.get() + "\".");
            }
        } catch (EngineCallException e) {
            throw StepLauncher.unavailable(e);
        }
    }

    /**
     * Creates the step's container, tells {@code created} its id, then starts it and returns once it runs. Declined
     * by {@code created} (or failing there), the container is removed again without having run.
     *
     * @throws StepLaunchException        image missing, program not found, container refused by the engine
     * @throws RunnerUnavailableException the engine does not answer
     */
    @Override
    public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
        return launcher.launch(spec, sink, created).map(RunningStep.class::cast);
    }

    /**
     * Finds the step's container after a restart and follows it again, its whole log replayed from the start:
     * running → followed to its exit; exited → its log and exit code as the engine kept them; created but never
     * started → started now. Not found, not ours, or the engine does not answer → {@code Gone} with the reason.
     */
    @Override
    public RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        return recovery.recover(spec, runnerId, sink);
    }

    /** Containers run on when the server stops; a restarted server reattaches to them. */
    @Override
    public boolean stepsOutliveTheServer() {
        return true;
    }

    /**
     * Removes (forcibly) every container of our instance carrying our job-id label whose job is not in {@code activeJobs} and
     * that was created more than {@code grace} ago. Never throws: an engine that does not answer removes nothing.
     */
    @Override
    public int removeLeftovers(Set<JobId> activeJobs, Duration grace) {
        return leftovers.remove(activeJobs, grace);
    }

    /**
     * The first running container that is a step of our instance or matches one of the configured extra label
     * filters (e.g. a {@code docker compose run dbt} started by cron, or {@code pipeline-trigger.instance=staging}
     * for another server's steps).
     */
    @Override
    public Optional<ConflictingRun> findConflictingRun() {
        List<String> filters = new ArrayList<>(config.conflictLabelKeys());
        config.conflictLabels().forEach((key, value) -> filters.add(key + "=" + value));
        try {
            // our steps by key, then our instance: containers made before instances existed carry no instance label
            Optional<ContainerSummary> ours = engine.runningWithLabel(ContainerPlan.STEP_LABEL).stream()
                    .filter(container -> container.ofInstance(config.instance())).findFirst();
            if (ours.isPresent()) {
                return ours.map(DockerContainerRunner::conflictingRun);
            }
            for (String filter : filters) { // one call each: the engine ANDs the label filters of one call
                Optional<ContainerSummary> running = engine.runningWithLabel(filter).stream().findFirst();
                if (running.isPresent()) {
                    return running.map(DockerContainerRunner::conflictingRun);
                }
            }
            return Optional.empty();
        } catch (EngineCallException e) {
            throw StepLauncher.unavailable(e);
        }
    }

    /** Closes both engine connections; containers of steps still running are left to their own end. */
    @Override
    public void close() {
        engine.close();
    }

    private static ConflictingRun conflictingRun(ContainerSummary container) {
        String id = container.label(ContainerPlan.JOB_ID_LABEL).orElse(container.name());
        return new ConflictingRun(id, container.name() + " (image " + container.image() + ")");
    }

    private void logEngineAtStartUp() {
        String version;
        try {
            version = engine.version();
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, StepLauncher.unavailable(e).getMessage()
                    + " Pipeline triggers fail with HTTP 500 until it answers.");
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Docker engine at " + config.dockerHost() + " answers: version " + version
                + "; instance " + config.instance());
        for (StepName step : StepName.values()) {
            config.step(step).ifPresent(stepConfig -> warnIfImageMissing(step, stepConfig.image()));
        }
        config.network().ifPresent(this::warnIfNetworkMissing);
    }

    private void warnIfNetworkMissing(String network) {
        try {
            if (!engine.hasNetwork(network)) {
                LOG.log(System.Logger.Level.WARNING, "Network " + network + " (PIPELINE_DOCKER_NETWORK) is not on the Docker"
                        + " engine; every run fails until it is created there (docker network create " + network + ")");
            }
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not check network " + network + ": " + e.engineMessage());
        }
    }

    private void warnIfImageMissing(StepName step, String image) {
        try {
            if (!engine.hasImage(image)) {
                LOG.log(System.Logger.Level.WARNING, "Image " + image + " of step " + step.wireName()
                        + " is not on the Docker engine; runs of that step fail until it is pulled or built there");
            }
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not check image " + image + ": " + e.engineMessage());
        }
    }
}
