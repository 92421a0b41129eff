package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook outbox as its sender and the delivery log read it (docs/webhooks.md). Messages get in only through
 * {@link JobRepository#update(io.pipelinetrigger.core.domain.Job, List)} and its insert sibling, with the job
 * change that caused them; a store that implements this interface keeps them across restarts as long as it keeps
 * jobs.
 */
public interface DeliveryOutbox {

    /** Messages whose next attempt is due at {@code now}, oldest first, at most {@code limit}. */
    List<Delivery> dueDeliveries(Instant now, int limit);

    /**
     * Records an attempt of the message ({@code eventId} to {@code endpoint}); {@code nextAttemptAt} empty settles
     * it (delivered, or given up).
     */
    void recordAttempt(OutboxMessage message, DeliveryAttempt attempt, Optional<Instant> nextAttemptAt);

    /** Every message of a job with its attempts, oldest first. */
    List<Delivery> deliveriesOf(JobId jobId);
}
