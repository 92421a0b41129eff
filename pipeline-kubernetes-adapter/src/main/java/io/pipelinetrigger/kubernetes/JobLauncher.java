package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.StepCreated;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * Create (suspended) → name it to core → resume → follow, for one step, translating what the API says into the
 * core's launch failures: the step's fault ({@link StepLaunchException}) or the cluster's absence
 * ({@link RunnerUnavailableException}).
 */
final class JobLauncher {

    private static final System.Logger LOG = System.getLogger(JobLauncher.class.getName());

    private final Cluster cluster;
    private final KubernetesRunnerConfig config;

    JobLauncher(Cluster cluster, KubernetesRunnerConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    Optional<KubernetesRunningStep> launch(StepSpec spec, LogSink sink, StepCreated created) {
        String step = spec.step().wireName();
        KubernetesStepConfig stepConfig = config.step(spec.step()).orElseThrow(() -> new StepLaunchException(
                "No image is configured for step " + step + " (PIPELINE_" + step.toUpperCase(Locale.ROOT) + "_IMAGE)."));
        Job plan = JobPlan.of(spec, stepConfig, config);
        String name = plan.getMetadata().getName();
        createOrAdopt(plan, spec);
        boolean proceed;
        try {
            proceed = created.proceed(name); // saved before any pod exists, so a crash now cannot lose it
        } catch (RuntimeException | Error notSaved) {
            deleteGivenUp(name, spec);
            throw notSaved;
        }
        if (!proceed) {
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": step " + step + " is not wanted any more;"
                    + " deleting its Job " + name + " before it ran");
            deleteGivenUp(name, spec);
            return Optional.empty();
        }
        try {
            cluster.resume(name);
        } catch (ClusterCallException e) {
            deleteGivenUp(name, spec);
            throw translated(e, "could not start step " + step);
        }
        LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": step " + step + " runs as Job " + name
                + " in namespace " + cluster.namespace() + " (image " + stepConfig.image() + ")");
        return Optional.of(new KubernetesRunningStep(cluster, config, spec, name, sink).follow());
    }

    private void createOrAdopt(Job plan, StepSpec spec) {
        String name = plan.getMetadata().getName();
        try {
            cluster.createJob(plan);
        } catch (ClusterCallException e) {
            if (!e.is(409)) {
                throw translated(e, "refused the Job of step " + spec.step().wireName());
            }
            // our own earlier create went through before its answer was lost, or a stale Job is in the way
            Optional<Job> existing;
            try {
                existing = cluster.job(name);
            } catch (ClusterCallException lookup) {
                throw translated(lookup, "could not read the existing Job " + name);
            }
            boolean oursAndUnstarted = existing.filter(job -> JobLabels.runs(job, spec, config.instance()))
                    .filter(job -> Boolean.TRUE.equals(job.getSpec().getSuspend())).isPresent();
            if (!oursAndUnstarted) {
                throw new StepLaunchException("A Job named " + name + " already exists in namespace " + cluster.namespace()
                        + "; delete it with \"kubectl delete job " + name + "\" and trigger again.");
            }
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": adopting Job " + name + " that an earlier create made");
        }
    }

    private void deleteGivenUp(String name, StepSpec spec) {
        try {
            cluster.deleteJob(name, 0);
        } catch (ClusterCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": could not delete Job " + name
                    + " after its launch was given up: " + e.getMessage());
        }
    }

    /** No answer → the runner is unavailable; a refusal (403 of a missing RBAC rule, 422 of a bad spec) → the step's. */
    static RuntimeException translated(ClusterCallException e, String what) {
        if (e.clusterDidNotAnswer()) {
            return unavailable(e);
        }
        String hint = e.is(403) ? " The server's service account lacks a permission; see docs/kubernetes.md, \"RBAC\"." : "";
        return new StepLaunchException("Kubernetes " + what + ": " + PodObservation.sentence(e.getMessage()) + hint);
    }

    static RunnerUnavailableException unavailable(ClusterCallException e) {
        String message = PodObservation.sentence(e.getMessage());
        return new RunnerUnavailableException(Character.toUpperCase(message.charAt(0)) + message.substring(1));
    }
}
