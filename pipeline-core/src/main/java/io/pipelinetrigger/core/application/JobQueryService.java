package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.util.List;

/** Reads jobs; a running job shows its live output tail. */
final class JobQueryService implements GetJobQuery, ListJobsQuery {

    private final JobRepository repository;
    private final LiveOutputs liveOutputs;
    private final RetentionSweeper sweeper;

    JobQueryService(JobRepository repository, LiveOutputs liveOutputs, RetentionSweeper sweeper) {
        this.repository = repository;
        this.liveOutputs = liveOutputs;
        this.sweeper = sweeper;
    }

    @Override
    public Job getJob(JobId id) {
        sweeper.sweep();
        return repository.findById(id).map(this::withLiveOutput).orElseThrow(() -> new JobNotFoundException(id));
    }

    @Override
    public List<Job> listJobs() {
        sweeper.sweep();
        return repository.findAll().stream().map(this::withLiveOutput).toList();
    }

    private Job withLiveOutput(Job job) {
        if (job.status().isTerminal()) {
            return job;
        }
        return liveOutputs.find(job.id()).map(tail -> job.withOutput(tail.text())).orElse(job);
    }
}
