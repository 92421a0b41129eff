package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last jobs a poll read in a final state, so that polling a settled job again asks the store nothing. Safe
 * because a job in a final state is never written again, by this server or another replica (every store refuses
 * the write: docs/performance.md, "Polling a settled job"); what still removes it, retention, is judged by the
 * caller on every poll. At most {@link #LIMIT} jobs are held (a job carries at most its 10 KiB output tail); a new
 * one beyond that pushes out an arbitrary other.
 */
final class SettledJobs {

    static final int LIMIT = 256;

    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();

    Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Keeps {@code job} when it is settled; answers it either way. */
    Job remember(Job job) {
        if (job.status().isTerminal() && !jobs.containsKey(job.id())) {
            if (jobs.size() >= LIMIT) {
                Iterator<JobId> any = jobs.keySet().iterator();
                if (any.hasNext()) {
                    jobs.remove(any.next());
                }
            }
            jobs.put(job.id(), job);
        }
        return job;
    }
}
