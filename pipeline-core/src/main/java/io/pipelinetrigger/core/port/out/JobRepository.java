package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.QueuedJob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Where jobs live. Every method is atomic on its own. */
public interface JobRepository {

    /**
     * Saves a new job unless another job is active, as one atomic decision.
     *
     * @return empty when saved; else the active job that prevented it
     */
    Optional<Job> insertIfNoneActive(Job job);

    /**
     * Replaces the saved job with the same id, unless the saved one has already reached a terminal state: a
     * job ends exactly once, so of two racing ends (a cancel and a natural exit) only the first is kept.
     *
     * @return true when replaced; false when the saved job was already terminal
     */
    boolean update(Job job);

    /**
     * {@link #insertIfNoneActive(Job)} that also writes {@code messages} to the webhook outbox in the same
     * transaction, and only when the job is saved (docs/webhooks.md). A store without an outbox
     * ({@link DeliveryOutbox}) refuses messages.
     */
    default Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages) {
        requireNoOutbox(messages);
        return insertIfNoneActive(job);
    }

    /** {@link #update(Job)} that also writes {@code messages} in the same transaction, only when replaced. */
    default boolean update(Job job, List<OutboxMessage> messages) {
        requireNoOutbox(messages);
        return update(job);
    }

    private void requireNoOutbox(List<OutboxMessage> messages) {
        if (!messages.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no webhook outbox");
        }
    }

    /**
     * Replaces only the output of a running job: the save a running job makes every few seconds, which must not
     * rewrite its steps. This default reads and replaces the whole job; a store overrides it with one write.
     *
     * @return true when saved; false when the saved job was already terminal
     */
    default boolean updateOutput(JobId id, String output) {
        Job saved = findById(id).orElseThrow(() -> new IllegalArgumentException("no job with id " + id + " to update"));
        return !saved.status().isTerminal() && update(saved.withOutput(output));
    }

    /** The job that was accepted with this idempotency key, if it is still kept. */
    Optional<Job> findByIdempotencyKey(String key);

    Optional<Job> findById(JobId id);

    /** Every saved job, newest first. For start-up and tests: the request path reads {@link #findPage} instead. */
    List<Job> findAll();

    /**
     * At most {@code max} jobs that match {@code filter}, newest first, leaving out jobs that finished before
     * {@code finishedNotBefore} (expired, not yet swept). Without {@code filter.withOutput()} a store may leave
     * each job's output empty. This default filters {@link #findAll()}; a store overrides it with an indexed read.
     */
    default List<Job> findPage(JobFilter filter, Instant finishedNotBefore, int max) {
        return findAll().stream()
                .filter(job -> job.finishedAt().map(f -> !f.isBefore(finishedNotBefore)).orElse(true))
                .filter(filter::matches)
                .sorted(JobCursor.NEWEST_FIRST)
                .limit(max)
                .toList();
    }

    /** The running job, if any (a queued job is not active: it waits for the running one). */
    Optional<Job> findActive();

    /**
     * Saves a {@code queued} job at the end of the queue unless the queue already holds {@code limit} jobs, as one
     * atomic decision (docs/api.md, "When the pipeline is busy").
     *
     * @return the job's place in the queue (1 = next), or empty when the queue is full and nothing was saved
     */
    default OptionalInt enqueue(QueuedJob job, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no queue");
    }

    /** The queued jobs, first in line first. */
    default List<QueuedJob> findQueued() {
        return List.of();
    }

    /**
     * Starts a queued job, as one atomic decision: the saved job must still be queued and no job may be running.
     * Of two racing starts (two runs ending at once, two servers on one store) only one succeeds.
     *
     * @param started the queued job as it runs now ({@link Job#startFromQueue()})
     * @return true when saved as running; false when another job runs or the job is no longer queued
     */
    default boolean startQueued(Job started) {
        return false;
    }

    /** {@link #startQueued(Job)} that also writes {@code messages} in the same transaction, only when started. */
    default boolean startQueued(Job started, List<OutboxMessage> messages) {
        requireNoOutbox(messages);
        return startQueued(started);
    }

    /**
     * Claims the lease of a running job for {@code holder} until {@code until}, as one atomic decision: won when
     * nobody holds it, its lease ran out before {@code now}, or {@code holder} holds it already. Of two racing
     * claims (two replicas adopting the same job) only one wins (docs/operations.md, "Replicas"). A store that
     * keeps no leases serves one process only, so its claims are always won.
     *
     * @return true when {@code holder} holds the lease now; false when another holds it or the job does not run
     */
    default boolean claimLease(JobId id, String holder, Instant now, Instant until) {
        return true;
    }

    /**
     * Extends {@code holder}'s lease of a running job to {@code until}, if it still is {@code holder}'s.
     *
     * @return the lease as saved now (with a cancel another replica requested); empty when the lease went to
     *         another replica or the job no longer runs
     */
    default Optional<JobLease> renewLease(JobId id, String holder, Instant until) {
        return Optional.of(new JobLease(id, holder, until, false));
    }

    /** Lets go of {@code holder}'s lease, so another replica may adopt the job at once (a graceful stop). */
    default void releaseLease(JobId id, String holder) {
    }

    /** The lease of a job, if one was ever taken. */
    default Optional<JobLease> findLease(JobId id) {
        return Optional.empty();
    }

    /**
     * The running jobs a replica may adopt at {@code now}: those whose lease ran out, those {@code holder} holds
     * already (a replica restarted under the same name), and those nobody ever leased that were created before
     * {@code unleasedBefore} (their replica died between saving and leasing them).
     */
    default List<JobId> findAdoptable(Instant now, String holder, Instant unleasedBefore) {
        return List.of();
    }

    /**
     * {@link #insertIfNoneActive(Job, List)} that also records the schedule firing that made the job, in the same
     * transaction (docs/schedules.md, "Exactly once"): the job, its messages and the record are saved together or
     * not at all.
     *
     * @return empty when saved; else the active job that prevented it (and nothing is recorded)
     * @throws FiringAlreadyRecordedException when this firing, or a later one of its schedule, is recorded already;
     *                                        nothing is saved then
     */
    default Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no schedule firings");
    }

    /**
     * {@link #enqueue(QueuedJob, int)} that also records the schedule firing that made the job, in the same
     * transaction.
     *
     * @throws FiringAlreadyRecordedException as {@link #insertIfNoneActive(Job, List, FiringRecord)}
     */
    default OptionalInt enqueue(QueuedJob job, int limit, FiringRecord firing) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no schedule firings");
    }

    /**
     * Records a firing that made no job (it was skipped), unless this firing or a later one of its schedule is
     * recorded already.
     *
     * @return true when recorded; false when the firing was recorded before (by another server, or before a restart)
     */
    default boolean recordFiring(FiringRecord skipped) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no schedule firings");
    }

    /** The latest recorded firing of each schedule (older ones need not be kept). */
    default List<FiringRecord> lastFirings() {
        return List.of();
    }

    /**
     * Marks a running job as asked to be cancelled, for the replica that holds its lease to carry out.
     *
     * @return true when marked; false when the job does not run (any more)
     */
    default boolean requestCancel(JobId id) {
        return false;
    }

    /**
     * Claims the turn of a background task ({@code housekeeping}, {@code webhook-sender}) for {@code holder} until
     * {@code until}: won when nobody holds it, it ran out before {@code now}, or {@code holder} holds it already.
     * A store that keeps no leases serves one process only, so its claims are always won.
     */
    default boolean claimTask(String task, String holder, Instant now, Instant until) {
        return true;
    }

    /** Lets go of {@code holder}'s turn of a task, so another replica may take it at once. */
    default void releaseTask(String task, String holder) {
    }

    /**
     * Checks that jobs can be saved now (for a health check): returns quietly, or throws an unchecked exception
     * saying why not.
     */
    default void checkWritable() {
    }

    /**
     * Removes finished jobs whose {@code finishedAt} is before {@code cutoff}, as one statement, and returns their
     * ids (so their archived output can go too).
     */
    List<JobId> deleteFinishedBefore(Instant cutoff);
}
