package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Optional;

/**
 * After a server restart or a replica's adoption: finds the Job of a step that was running before (by the saved
 * name, else by its deterministic one; its labels must name the same job, step and instance) and follows it again
 * as if it had just been started, its whole log read from the start. A Job that finished meanwhile is recorded from
 * its pod's terminated state and log; a Job never resumed (the server stopped between create and resume) starts now.
 */
final class JobRecovery {

    private static final System.Logger LOG = System.getLogger(JobRecovery.class.getName());

    private final Cluster cluster;
    private final KubernetesRunnerConfig config;

    JobRecovery(Cluster cluster, KubernetesRunnerConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    RecoveredStep recover(StepSpec spec, Optional<String> runnerId, LogSink sink) {
        String step = spec.step().wireName();
        String name = runnerId.filter(id -> !id.isBlank()).orElse(KubernetesNames.jobName(spec, config.instance()));
        try {
            Optional<Job> found = cluster.job(name);
            if (found.isEmpty()) {
                return new RecoveredStep.Gone("The Job of the " + step + " step (" + name + ") was not found after the"
                        + " restart; it was deleted while the server was away, so its result is unknown.");
            }
            Job job = found.get();
            if (!JobLabels.runs(job, spec, config.instance())) {
                return new RecoveredStep.Gone("The Job named " + name + " does not carry the labels of the " + step
                        + " step of job " + spec.jobId() + " of instance " + config.instance() + "; it was not reattached.");
            }
            if (PodObservation.finished(job) && cluster.podOf(name).isEmpty()) {
                return new RecoveredStep.Gone("The Job of the " + step + " step (" + name + ") finished while the server was"
                        + " away, but its pod is gone, so its exit code and log cannot be read.");
            }
            boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
            if (suspended) {
                LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": Job " + name
                        + " was created but never resumed before the restart; resuming it");
                cluster.resume(name);
            }
            LOG.log(System.Logger.Level.INFO, "job " + spec.jobId() + ": reattached to Job " + name
                    + (PodObservation.finished(job) ? " (finished while the server was away)" : ""));
            return new RecoveredStep.Reattached(new KubernetesRunningStep(cluster, config, spec, name, sink).follow());
        } catch (ClusterCallException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + spec.jobId() + ": could not reattach to Job " + name + ": " + e.getMessage());
            return new RecoveredStep.Gone("Could not reattach to the " + step + " step after the restart: "
                    + PodObservation.sentence(e.getMessage()));
        }
    }
}
