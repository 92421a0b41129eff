package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
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
 * Runs each step as a Kubernetes Job ({@code batch/v1}, backoffLimit 0, restartPolicy Never) in one namespace,
 * labelled {@code pipeline-trigger.job-id} / {@code .step} / {@code .instance}: create suspended → name → resume →
 * follow the pod's log → read the container's terminated state → delete the Job (docs/kubernetes.md). Jobs
 * outlive the server, so a restarted server (or a replica adopting a job) reattaches to them. An API server that
 * does not answer never stops this runner from being created; each call then fails until it answers again.
 */
public final class KubernetesContainerRunner implements ContainerRunner, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KubernetesContainerRunner.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesRunnerConfig config;
    private final Cluster cluster;
    private final JobLauncher launcher;
    private final JobRecovery recovery;
    private final LeftoverJobs leftovers;

    KubernetesContainerRunner(KubernetesRunnerConfig config, KubernetesClient client) {
        this.config = config;
        String namespace = config.namespace().or(() -> Optional.ofNullable(client.getNamespace())).orElse("default");
        this.cluster = new Cluster(client, namespace);
        this.launcher = new JobLauncher(cluster, config);
        this.recovery = new JobRecovery(cluster, config);
        this.leftovers = new LeftoverJobs(cluster, config, InstantSource.system());
    }

    /**
     * Builds the runner on the configured kubeconfig, or else on what the client finds itself (the pod's service
     * account in a cluster, else {@code ~/.kube/config}), and logs whether the API answers; never throws for an
     * absent API server.
     *
     * @throws IllegalArgumentException when the kubeconfig cannot be read
     */
    public static KubernetesContainerRunner create(KubernetesRunnerConfig config) {
        Config clientConfig;
        try {
            clientConfig = config.kubeconfig().map(path -> Config.fromKubeconfig(path.toFile())).orElseGet(() -> Config.autoConfigure(null));
        } catch (KubernetesClientException e) {
            throw new IllegalArgumentException("The kubeconfig " + config.kubeconfig().map(Object::toString).orElse("")
                    + " cannot be used: " + e.getMessage(), e);
        }
        // an API server that does not answer is told within seconds (the health check, a trigger's 500), not
        // after the client's ten retries with back-off
        clientConfig.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        clientConfig.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
        clientConfig.setRequestRetryBackoffLimit(1);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        KubernetesContainerRunner runner = new KubernetesContainerRunner(config, client);
        runner.logClusterAtStartUp();
        return runner;
    }

    /** The namespace the step Jobs go to. */
    public String namespace() {
        return cluster.namespace();
    }

    @Override
    public void checkReachable() {
        try {
            cluster.version();
        } catch (ClusterCallException e) {
            throw JobLauncher.unavailable(e);
        }
    }

    /**
     * Creates the step's Job suspended, tells {@code created} its name, then resumes it. Declined by {@code created}
     * (or failing there), the Job is deleted again without a pod having run.
     */
    @Override
    public Optional<RunningStep> start(StepSpec spec, LogSink sink, StepCreated created) {
        return launcher.launch(spec, sink, created).map(RunningStep.class::cast);
    }

    @Override
    public RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        return recovery.recover(spec, runnerId, sink);
    }

    /** Jobs run on when the server stops; a restarted server reattaches to them. */
    @Override
    public boolean stepsOutliveTheServer() {
        return true;
    }

    @Override
    public int removeLeftovers(Set<JobId> activeJobs, Duration grace) {
        return leftovers.remove(activeJobs, grace);
    }

    /**
     * The first unfinished Job that is a step of our instance, or that matches one of the configured label selectors
     * (e.g. the Jobs of a CronJob that runs dbt, or {@code pipeline-trigger.instance=staging} for another server's).
     */
    @Override
    public Optional<ConflictingRun> findConflictingRun() {
        List<String> selectors = new ArrayList<>();
        selectors.add(KubernetesNames.INSTANCE_LABEL + "=" + config.instance() + "," + KubernetesNames.STEP_LABEL);
        selectors.addAll(config.conflictSelectors());
        try {
            for (String selector : selectors) {
                Optional<Job> running = cluster.jobs(selector).stream().filter(job -> !PodObservation.finished(job)).findFirst();
                if (running.isPresent()) {
                    return running.map(this::conflictingRun);
                }
            }
            return Optional.empty();
        } catch (ClusterCallException e) {
            throw JobLauncher.unavailable(e);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }

    private ConflictingRun conflictingRun(Job job) {
        String name = job.getMetadata().getName();
        String image = job.getSpec().getTemplate().getSpec().getContainers().stream().findFirst()
                .map(container -> container.getImage()).orElse("?");
        return new ConflictingRun(JobLabels.label(job, KubernetesNames.JOB_ID_LABEL).orElse(name),
                "Job " + name + " in namespace " + cluster.namespace() + " (image " + image + ")");
    }

    private void logClusterAtStartUp() {
        try {
            LOG.log(System.Logger.Level.INFO, "Kubernetes API at " + cluster.apiServer() + " answers: version "
                    + cluster.version() + "; step Jobs go to namespace " + cluster.namespace() + ", instance " + config.instance());
        } catch (ClusterCallException e) {
            RunnerUnavailableException unavailable = JobLauncher.unavailable(e);
            LOG.log(System.Logger.Level.WARNING, unavailable.getMessage() + " Pipeline triggers fail until it answers.");
        }
    }
}
