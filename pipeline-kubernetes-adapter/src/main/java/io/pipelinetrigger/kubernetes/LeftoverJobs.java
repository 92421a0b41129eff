package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes our instance's labelled Jobs that no active job owns (another server's are none of ours): a delete that
 * failed after the result was recorded, a step the server could not reattach to. Finished Jobs are left alone when
 * the operator set a TTL (Kubernetes deletes them then). The grace keeps a Job just created for a job that became
 * active after the caller looked.
 */
final class LeftoverJobs {

    private static final System.Logger LOG = System.getLogger(LeftoverJobs.class.getName());

    private final Cluster cluster;
    private final KubernetesRunnerConfig config;
    private final InstantSource clock;

    LeftoverJobs(Cluster cluster, KubernetesRunnerConfig config, InstantSource clock) {
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
    }

    int remove(Set<JobId> activeJobs, Duration grace) {
        Set<String> active = activeJobs.stream().map(JobId::value).collect(Collectors.toSet());
        Instant createdBefore = clock.instant().minus(grace);
        int removed = 0;
        try {
            for (Job job : cluster.jobs(KubernetesNames.INSTANCE_LABEL + "=" + config.instance() + "," + KubernetesNames.JOB_ID_LABEL)) {
                String jobId = JobLabels.label(job, KubernetesNames.JOB_ID_LABEL).orElse("");
                String created = job.getMetadata().getCreationTimestamp();
                boolean young = created == null || Instant.parse(created).isAfter(createdBefore);
                boolean leftToTtl = config.ttlAfterFinished().isPresent() && PodObservation.finished(job);
                if (active.contains(jobId) || young || leftToTtl) {
                    continue;
                }
                cluster.deleteJob(job.getMetadata().getName(), config.stopGrace().toSeconds());
                LOG.log(System.Logger.Level.INFO, "job " + jobId + ": deleted leftover Job " + job.getMetadata().getName()
                        + " (created " + created + ")");
                removed++;
            }
        } catch (ClusterCallException e) {
            LOG.log(System.Logger.Level.WARNING, "could not look for leftover step Jobs; trying again later: " + e.getMessage());
        }
        return removed;
    }
}
