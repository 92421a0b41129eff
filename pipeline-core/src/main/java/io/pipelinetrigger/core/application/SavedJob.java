package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.port.out.JobRepository;

/**
 * The state of one job as this execution last saved it. Every save goes through the store's {@code update}, which
 * refuses once the saved job is terminal: a refused save means the job was ended elsewhere (a cancel recorded by
 * another server on the same store), and is answered as {@code false} for the caller to act on.
 */
final class SavedJob {

    private final JobRepository repository;
    private final Object lock = new Object();
    private Job job; // guarded by lock

    SavedJob(JobRepository repository, Job job) {
        this.repository = repository;
        this.job = job;
    }

    Job get() {
        synchronized (lock) {
            return job;
        }
    }

    /**
     * @return true when saved; false when the store refused it because the job already ended elsewhere
     */
    boolean save(Job next) {
        synchronized (lock) {
            if (!repository.update(next)) {
                return false;
            }
            job = next;
            return true;
        }
    }

    /**
     * Saves the output so far while the job runs; a job this execution has ended already is left as it is.
     *
     * @return false when the store refused it because the job already ended elsewhere
     */
    boolean saveOutput(String output) {
        synchronized (lock) {
            if (job.status().isTerminal()) {
                return true;
            }
            // only the output: the steps did not change, so the store need not rewrite them
            if (!repository.updateOutput(job.id(), output)) {
                return false;
            }
            job = job.withOutput(output);
            return true;
        }
    }
}
