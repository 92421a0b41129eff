package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.time.Instant;
import java.time.InstantSource;

/** Removes jobs, and their archived output, that finished longer ago than the retention; active jobs never. */
final class RetentionSweeper {

    private final JobRepository repository;
    private final OutputArchive archive;
    private final InstantSource clock;
    private final TriggerSettings settings;

    RetentionSweeper(JobRepository repository, OutputArchive archive, InstantSource clock, TriggerSettings settings) {
        this.repository = repository;
        this.archive = archive;
        this.clock = clock;
        this.settings = settings;
    }

    int sweep() {
        Instant cutoff = clock.instant().minus(settings.retention());
        repository.findAll().stream()
                .filter(job -> job.finishedAt().map(finished -> finished.isBefore(cutoff)).orElse(false))
                .map(Job::id)
                .forEach(archive::delete);
        return repository.deleteFinishedBefore(cutoff);
    }
}
