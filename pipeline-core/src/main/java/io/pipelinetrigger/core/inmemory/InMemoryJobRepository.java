package io.pipelinetrigger.core.inmemory;

import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.JobLease;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Jobs in memory: the store for tests, for embedders who need no history across restarts, and for the
 * server until a durable store is configured. One lock makes "insert unless one is active" atomic, and a job
 * change and its webhook messages one step.
 */
public final class InMemoryJobRepository implements JobRepository, DeliveryOutbox {

    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    /** Deadlines of queued jobs with a queue timeout; insertion order of {@link #jobs} is the queue's order. */
    private final Map<JobId, Instant> queueDeadlines = new LinkedHashMap<>();
    private final Map<String, Delivery> outbox = new LinkedHashMap<>();
    private final InMemoryLeases leases = new InMemoryLeases();
    /** The latest firing of each schedule, by schedule name. */
    private final Map<String, FiringRecord> firings = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        requireNotRecorded(firing);
        Optional<Job> active = insertIfNoneActive(job, messages);
        if (active.isEmpty()) {
            firings.put(firing.firing().schedule(), firing);
        }
        return active;
    }

    @Override
    public synchronized OptionalInt enqueue(QueuedJob job, int limit, FiringRecord firing) {
        requireNotRecorded(firing);
        OptionalInt position = enqueue(job, limit);
        if (position.isPresent()) {
            firings.put(firing.firing().schedule(), firing);
        }
        return position;
    }

    @Override
    public synchronized boolean recordFiring(FiringRecord skipped) {
        if (isRecorded(skipped)) {
            return false;
        }
        firings.put(skipped.firing().schedule(), skipped);
        return true;
    }

    @Override
    public synchronized List<FiringRecord> lastFirings() {
        return List.copyOf(firings.values());
    }

    private void requireNotRecorded(FiringRecord firing) {
        if (isRecorded(firing)) {
            throw new FiringAlreadyRecordedException(firing.firing());
        }
    }

    private boolean isRecorded(FiringRecord firing) {
        FiringRecord last = firings.get(firing.firing().schedule());
        return last != null && !last.firing().scheduledFor().isBefore(firing.firing().scheduledFor());
    }

    @Override
    public synchronized Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages) {
        Optional<Job> active = insertIfNoneActive(job);
        if (active.isEmpty()) {
            messages.forEach(this::enqueue);
        }
        return active;
    }

    @Override
    public synchronized boolean update(Job job, List<OutboxMessage> messages) {
        boolean saved = update(job);
        if (saved) {
            messages.forEach(this::enqueue);
        }
        return saved;
    }

    @Override
    public synchronized boolean startQueued(Job started, List<OutboxMessage> messages) {
        boolean saved = startQueued(started);
        if (saved) {
            messages.forEach(this::enqueue);
        }
        return saved;
    }

    private void enqueue(OutboxMessage message) {
        outbox.put(key(message), new Delivery(message, List.of(), Optional.of(message.createdAt())));
    }

    private static String key(OutboxMessage message) {
        return message.eventId() + " " + message.endpoint();
    }

    @Override
    public synchronized List<Delivery> dueDeliveries(Instant now, int limit) {
        return outbox.values().stream()
                .filter(d -> d.nextAttemptAt().filter(next -> !next.isAfter(now)).isPresent())
                .sorted(Comparator.comparing((Delivery d) -> d.nextAttemptAt().orElseThrow()))
                .limit(limit).toList();
    }

    @Override
    public synchronized void recordAttempt(OutboxMessage message, DeliveryAttempt attempt,
                                           Optional<Instant> nextAttemptAt) {
        Delivery saved = outbox.get(key(message));
        if (saved == null) {
            throw new IllegalArgumentException("no message " + message.eventId() + " to " + message.endpoint());
        }
        List<DeliveryAttempt> attempts = Stream.concat(saved.attempts().stream(), Stream.of(attempt)).toList();
        if (nextAttemptAt.isEmpty() && !jobs.containsKey(message.jobId())) {
            outbox.remove(key(message)); // settled after retention removed its job: nobody left to show it to
            return;
        }
        outbox.put(key(message), new Delivery(saved.message(), attempts, nextAttemptAt));
    }

    @Override
    public synchronized List<Delivery> deliveriesOf(JobId jobId) {
        return outbox.values().stream().filter(d -> d.message().jobId().equals(jobId)).toList();
    }

    @Override
    public synchronized Optional<Job> insertIfNoneActive(Job job) {
        Optional<Job> active = findActive();
        if (active.isPresent()) {
            return active;
        }
        requireNew(job);
        jobs.put(job.id(), job);
        return Optional.empty();
    }

    @Override
    public synchronized OptionalInt enqueue(QueuedJob queued, int limit) {
        int waiting = findQueued().size();
        if (waiting >= limit) {
            return OptionalInt.empty();
        }
        requireNew(queued.job());
        jobs.put(queued.job().id(), queued.job());
        queued.deadline().ifPresent(d -> queueDeadlines.put(queued.job().id(), d));
        return OptionalInt.of(waiting + 1);
    }

    @Override
    public synchronized List<QueuedJob> findQueued() {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.QUEUED)
                .map(j -> new QueuedJob(j, Optional.ofNullable(queueDeadlines.get(j.id())))).toList();
    }

    @Override
    public synchronized boolean startQueued(Job started) {
        Job saved = jobs.get(started.id());
        if (saved == null || saved.status() != JobStatus.QUEUED || findActive().isPresent()) {
            return false;
        }
        jobs.put(started.id(), started);
        return true;
    }

    private void requireNew(Job job) {
        if (jobs.containsKey(job.id())) {
            throw new IllegalArgumentException("a job with id " + job.id() + " already exists");
        }
        if (job.idempotencyKey().isPresent() && findByIdempotencyKey(job.idempotencyKey().get().key()).isPresent()) {
            throw new IllegalArgumentException("a job with idempotency key " + job.idempotencyKey().get().key()
                    + " already exists");
        }
    }

    @Override
    public synchronized boolean update(Job job) {
        Job saved = jobs.get(job.id());
        if (saved == null) {
            throw new IllegalArgumentException("no job with id " + job.id() + " to update");
        }
        if (saved.status().isTerminal()) {
            return false;
        }
        jobs.put(job.id(), job);
        return true;
    }

    @Override
    public synchronized boolean updateOutput(JobId id, String output) {
        Job saved = jobs.get(id);
        if (saved == null) {
            throw new IllegalArgumentException("no job with id " + id + " to update");
        }
        if (saved.status().isTerminal()) {
            return false;
        }
        jobs.put(id, saved.withOutput(output));
        return true;
    }

    @Override
    public synchronized Optional<Job> findByIdempotencyKey(String key) {
        return jobs.values().stream()
                .filter(j -> j.idempotencyKey().map(k -> k.key().equals(key)).orElse(false))
                .findFirst();
    }

    @Override
    public synchronized Optional<Job> findById(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> findAll() {
        return jobs.values().stream()
                .sorted(JobCursor.NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized List<Job> findPage(JobFilter filter, Instant finishedNotBefore, int max) {
        return JobRepository.super.findPage(filter, finishedNotBefore, max);
    }

    @Override
    public synchronized Optional<Job> findActive() {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.RUNNING).findFirst();
    }

    @Override
    public synchronized List<JobId> deleteFinishedBefore(Instant cutoff) {
        List<JobId> expired = jobs.values().stream()
                .filter(j -> j.finishedAt().isPresent() && j.finishedAt().get().isBefore(cutoff))
                .map(Job::id)
                .toList();
        expired.forEach(jobs::remove);
        queueDeadlines.keySet().retainAll(jobs.keySet());
        leases.retainJobs(jobs.keySet());
        outbox.values().removeIf(d -> d.nextAttemptAt().isEmpty() && !jobs.containsKey(d.message().jobId()));
        return expired;
    }

    @Override
    public synchronized boolean claimLease(JobId id, String holder, Instant now, Instant until) {
        return running(id) && leases.claimJob(id, holder, now, until);
    }

    @Override
    public synchronized Optional<JobLease> renewLease(JobId id, String holder, Instant until) {
        return running(id) ? leases.renewJob(id, holder, until) : Optional.empty();
    }

    @Override
    public synchronized void releaseLease(JobId id, String holder) {
        leases.releaseJob(id, holder);
    }

    @Override
    public synchronized Optional<JobLease> findLease(JobId id) {
        return leases.ofJob(id);
    }

    @Override
    public synchronized List<JobId> findAdoptable(Instant now, String holder, Instant unleasedBefore) {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.RUNNING)
                .filter(j -> leases.adoptable(j.id(), holder, now, j.createdAt().isBefore(unleasedBefore)))
                .map(Job::id).toList();
    }

    @Override
    public synchronized boolean requestCancel(JobId id) {
        if (!running(id)) {
            return false;
        }
        leases.requestCancel(id);
        return true;
    }

    @Override
    public synchronized boolean claimTask(String task, String holder, Instant now, Instant until) {
        return leases.claimTask(task, holder, now, until);
    }

    @Override
    public synchronized void releaseTask(String task, String holder) {
        leases.releaseTask(task, holder);
    }

    private boolean running(JobId id) {
        Job saved = jobs.get(id);
        return saved != null && saved.status() == JobStatus.RUNNING;
    }
}
