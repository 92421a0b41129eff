package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Removes expired jobs and what the runner left behind for jobs no longer active, so nothing piles up. */
final class Housekeeping implements Runnable {

    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

    private final JobRepository repository;
    private final ContainerRunner runner;
    private final RetentionSweeper sweeper;
    private final Duration leftoverGrace;

    Housekeeping(JobRepository repository, ContainerRunner runner, RetentionSweeper sweeper, Duration leftoverGrace) {
        this.repository = repository;
        this.runner = runner;
        this.sweeper = sweeper;
        this.leftoverGrace = leftoverGrace;
    }

    @Override
    public void run() {
        try {
            sweeper.sweep();
            Set<JobId> active = repository.findActive().map(Job::id).stream().collect(Collectors.toSet());
            int removed = runner.removeLeftovers(active, leftoverGrace);
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "removed " + removed + " leftover step(s) of finished jobs");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "housekeeping failed; it runs again at the next interval", e);
        }
    }
}
