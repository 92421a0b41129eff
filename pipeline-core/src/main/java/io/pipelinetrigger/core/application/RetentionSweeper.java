package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.InstantSource;

/** Removes jobs that finished longer ago than the retention; active jobs are never touched. */
final class RetentionSweeper {

    private final JobRepository repository;
    private final InstantSource clock;
    private final TriggerSettings settings;

    RetentionSweeper(JobRepository repository, InstantSource clock, TriggerSettings settings) {
        this.repository = repository;
        this.clock = clock;
        this.settings = settings;
    }

    int sweep() {
        return repository.deleteFinishedBefore(clock.instant().minus(settings.retention()));
    }
}
