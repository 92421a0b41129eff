package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes our instance's labelled containers that no active job owns (another server's are none of ours, however
 * old): a removal that failed after the result was
 * recorded, a step the server could not reattach to, a container of a job that failed while the engine was
 * away. The grace keeps a container just created for a job that became active after the caller looked.
 */
final class LeftoverContainers {

    private static final System.Logger LOG = System.getLogger(LeftoverContainers.class.getName());

    private final DockerEngine engine;
    private final InstantSource clock;
    private final String instance;

    LeftoverContainers(DockerEngine engine, InstantSource clock, String instance) {
        this.engine = engine;
        this.clock = clock;
        this.instance = instance;
    }

    /** How many were removed; an engine that does not answer is logged and removes nothing. */
    int remove(Set<JobId> activeJobs, Duration grace) {
        Set<String> active = activeJobs.stream().map(JobId::value).collect(Collectors.toSet());
        Instant createdBefore = clock.instant().minus(grace);
        int removed = 0;
        try {
            for (ContainerSummary container : engine.allWithLabel(ContainerPlan.JOB_ID_LABEL)) {
                String jobId = container.label(ContainerPlan.JOB_ID_LABEL).orElse("");
                if (!container.ofInstance(instance) || active.contains(jobId) || container.created().isAfter(createdBefore)) {
                    continue;
                }
                if (removeOne(container, jobId)) {
                    removed++;
                }
            }
        } catch (EngineCallException e) {
            LOG.log(System.Logger.Level.WARNING, "could not look for leftover step containers; trying again later: "
                    + e.engineMessage());
        }
        return removed;
    }

    /** False when the engine refused (logged); an engine that stopped answering ends the sweep. */
    private boolean removeOne(ContainerSummary container, String jobId) {
        try {
            engine.remove(container.id());
            LOG.log(System.Logger.Level.INFO, "job " + jobId + ": removed leftover container " + container.name()
                    + " (" + container.state() + ", created " + container.created() + ")");
            return true;
        } catch (EngineCallException e) {
            if (e.engineDidNotAnswer()) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not remove leftover container "
                    + container.name() + ": " + e.engineMessage());
            return false;
        }
    }
}
