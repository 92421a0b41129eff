package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** The job that was accepted with this idempotency key, if it is still kept. */
    Optional<Job> findByIdempotencyKey(String key);

    Optional<Job> findById(JobId id);

    /** Every saved job, newest first. */
    List<Job> findAll();

    Optional<Job> findActive();

    /**
     * Checks that jobs can be saved now (for a health check): returns quietly, or throws an unchecked exception
     * saying why not.
     */
    default void checkWritable() {
    }

    /** Removes finished jobs whose {@code finishedAt} is before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
