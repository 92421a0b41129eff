package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobPage;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads jobs; a running job shows its live output tail. A poll is one read by id (none when the job is settled and
 * was read before: {@link SettledJobs}) and a list one indexed page; expired jobs are left out here, on every
 * poll, and deleted by the housekeeping timer (docs/performance.md).
 */
final class JobQueryService implements GetJobQuery, ListJobsQuery {

    private final JobRepository repository;
    private final LiveOutputs liveOutputs;
    private final Retention retention;
    private final JobEnds ends;
    private final ScheduledExecutorService timers;
    private final SettledJobs settled = new SettledJobs();

    @Override
    public OptionalInt queuePosition(JobId id) {
        List<QueuedJob> queued = repository.findQueued();
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i).job().id().equals(id)) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    JobQueryService(JobRepository repository, LiveOutputs liveOutputs, Retention retention, JobEnds ends,
                    ScheduledExecutorService timers) {
        this.repository = repository;
        this.liveOutputs = liveOutputs;
        this.retention = retention;
        this.ends = ends;
        this.timers = timers;
    }

    @Override
    public Job getJob(JobId id) {
        return currentView(id);
    }

    /**
     * Registers before it looks, so an end saved between the look and the registration is not missed. The
     * answer is produced off the thread that saved the end or fired the timer (the job thread, the timers).
     */
    @Override
    public CompletionStage<Job> awaitEnd(JobId id, Duration atMost) {
        CompletableFuture<Optional<Job>> ended = ends.register(id);
        Job now;
        try {
            now = getJob(id);
        } catch (RuntimeException unknown) {
            ended.complete(Optional.empty());
            throw unknown;
        }
        if (now.status().isTerminal()) {
            ended.complete(Optional.of(now));
            return CompletableFuture.completedFuture(now);
        }
        ScheduledFuture<?> timer = timers.schedule(() -> ended.complete(Optional.empty()), atMost.toMillis(),
                TimeUnit.MILLISECONDS);
        return ended.thenApplyAsync(job -> {
            timer.cancel(false);
            return job.orElseGet(() -> currentView(id));
        });
    }

    @Override
    public JobPage listJobs(JobFilter filter) {
        // one more than asked tells whether a next page exists, without a count
        List<Job> found = repository.findPage(filter, retention.cutoff(), filter.limit() + 1);
        boolean more = found.size() > filter.limit();
        List<Job> page = more ? found.subList(0, filter.limit()) : found;
        Optional<JobCursor> next = more ? Optional.of(JobCursor.of(page.get(page.size() - 1))) : Optional.empty();
        return new JobPage(page.stream().map(this::withLiveOutput).toList(), next);
    }

    private Job currentView(JobId id) {
        Optional<Job> found = settled.find(id);
        if (found.isEmpty()) {
            found = repository.findById(id).map(settled::remember);
        }
        return found.filter(retention::keeps).map(this::withLiveOutput).orElseThrow(() -> new JobNotFoundException(id));
    }

    private Job withLiveOutput(Job job) {
        if (job.status().isTerminal()) {
            return job;
        }
        return liveOutputs.find(job.id()).map(tail -> job.withOutput(tail.text())).orElse(job);
    }
}
