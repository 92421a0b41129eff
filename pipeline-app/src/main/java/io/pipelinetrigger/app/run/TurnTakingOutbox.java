package io.pipelinetrigger.app.run;

import io.pipelinetrigger.core.application.TaskTurns;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as the webhook sender of one replica among several sees it: messages are due only on the replica
 * whose turn it is to send (docs/operations.md, "Replicas"), so two replicas never post the same message at once.
 * The turn is renewed at every poll and outlasts a delivery round, so it stays with one replica while it lives.
 */
final class TurnTakingOutbox implements DeliveryOutbox {

    static final String TASK = "webhook-sender";
    /** How many leases the turn lasts: longer than a poll round with its posts (each at most the 10 s timeout). */
    static final int LEASES_HELD = 3;

    private final DeliveryOutbox outbox;
    private final TaskTurns turns;
    private final Duration hold;

    TurnTakingOutbox(DeliveryOutbox outbox, TaskTurns turns, Duration lease) {
        this.outbox = outbox;
        this.turns = turns;
        this.hold = lease.multipliedBy(LEASES_HELD);
    }

    @Override
    public List<Delivery> dueDeliveries(Instant now, int limit) {
        return turns.take(TASK, hold) ? outbox.dueDeliveries(now, limit) : List.of();
    }

    @Override
    public void recordAttempt(OutboxMessage message, DeliveryAttempt attempt, Optional<Instant> nextAttemptAt) {
        outbox.recordAttempt(message, attempt, nextAttemptAt);
    }

    @Override
    public List<Delivery> deliveriesOf(JobId jobId) {
        return outbox.deliveriesOf(jobId);
    }
}
