package io.pipelinetrigger.app.run;

import io.pipelinetrigger.core.application.TaskTurns;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas on one store do not each send a due webhook message: only the one whose turn it is finds it, and the
 * turn passes on only once the sender went quiet for three leases (docs/webhooks.md, "Delivery").
 */
class TurnTakingOutboxTest {

    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(Jobs.T0);
    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private final TurnTakingOutbox replicaA = outboxOf("replica-a");
    private final TurnTakingOutbox replicaB = outboxOf("replica-b");

    private TurnTakingOutbox outboxOf(String replica) {
        return new TurnTakingOutbox(store, new TaskTurns(store, Optional.of(replica), clock), LEASE);
    }

    @Test
    void only_the_sending_replica_finds_a_due_message_until_it_has_been_quiet_for_three_leases() {
        OutboxMessage message = aDueMessage();

        assertThat(due(replicaA)).containsExactly(message);
        clock.advance(POLL);
        assertThat(due(replicaB)).as("the other replica's sender, a poll later").isEmpty();
        assertThat(due(replicaA)).as("the turn is renewed at every poll").containsExactly(message);

        clock.advance(LEASE.multipliedBy(3).minus(POLL)); // replica A died right after its last poll
        assertThat(due(replicaB)).as("a poll before A's turn runs out").isEmpty();
        clock.advance(POLL);
        assertThat(due(replicaB)).as("A's turn ran out").containsExactly(message);
        assertThat(due(replicaA)).as("A, back, waits for B's turn to run out").isEmpty();
    }

    private List<OutboxMessage> due(TurnTakingOutbox outbox) {
        return outbox.dueDeliveries(clock.instant(), 100).stream().map(Delivery::message).toList();
    }

    private OutboxMessage aDueMessage() {
        Job job = Jobs.aRunningJob();
        OutboxMessage message = new OutboxMessage("evt_aaaaaa", job.id(), "job.started",
                URI.create("https://ops.example.com/hook"), "{}", clock.instant());
        assertThat(store.insertIfNoneActive(job, List.of(message))).isEmpty();
        return message;
    }
}
