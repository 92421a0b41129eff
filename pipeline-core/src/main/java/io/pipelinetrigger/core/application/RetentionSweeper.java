package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.util.List;

/**
 * Removes jobs, and their archived output, that finished longer ago than the retention; active jobs never. Runs on
 * the housekeeping timer only: one delete in the store, then one archive removal per job it named.
 */
final class RetentionSweeper {

    private final JobRepository repository;
    private final OutputArchive archive;
    private final Retention retention;

    RetentionSweeper(JobRepository repository, OutputArchive archive, Retention retention) {
        this.repository = repository;
        this.archive = archive;
        this.retention = retention;
    }

    int sweep() {
        List<JobId> removed = repository.deleteFinishedBefore(retention.cutoff());
        removed.forEach(archive::delete);
        return removed.size();
    }
}
