package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store with a webhook outbox must do (docs/webhooks.md, "Delivery"): messages are written with the job
 * change that caused them, and only when that change is saved. Mixed into {@link JobRepositoryContract}, so it runs
 * against every store.
 */
interface DeliveryOutboxContract {

    JobRepository store();

    private DeliveryOutbox outbox() {
        return (DeliveryOutbox) store();
    }

    private static OutboxMessage message(Job job, String eventId, Instant at) {
        return new OutboxMessage(eventId, job.id(), "job.started", URI.create("https://hooks.example/a"),
                "{\"type\":\"job.started\",\"note\":\"\u00e9\"}", at);
    }

    @Test
    default void messages_handed_with_an_insert_are_due_from_their_creation_and_listed_with_their_job() {
        Job job = Jobs.aRunningJob();
        OutboxMessage message = message(job, "evt_a", T0);

        assertThat(store().insertIfNoneActive(job, List.of(message))).isEmpty();

        assertThat(outbox().dueDeliveries(T0.minusMillis(1), 10)).isEmpty();
        assertThat(outbox().dueDeliveries(T0, 10)).extracting(Delivery::message).containsExactly(message);
        assertThat(outbox().deliveriesOf(job.id())).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo(message);
            assertThat(d.attempts()).isEmpty();
            assertThat(d.state()).isEqualTo("pending");
        });
    }

    @Test
    default void a_refused_insert_or_update_writes_no_message() {
        Job first = Jobs.aRunningJob(Jobs.anId("aaaaaa"), T0);
        Job second = Jobs.aRunningJob(Jobs.anId("bbbbbb"), T0.plusSeconds(1));
        store().insertIfNoneActive(first);
        Job ended = first.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, "done");
        store().update(ended);

        assertThat(store().update(ended, List.of(message(first, "evt_late", T0)))).isFalse();
        store().insertIfNoneActive(second);
        Job third = Jobs.aRunningJob(Jobs.anId("cccccc"), T0.plusSeconds(2));
        assertThat(store().insertIfNoneActive(third, List.of(message(third, "evt_busy", T0)))).isPresent();

        assertThat(outbox().dueDeliveries(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    default void a_start_from_the_queue_writes_its_messages_only_when_it_starts() {
        Job running = Jobs.aRunningJob(Jobs.anId("runnin"), T0);
        store().insertIfNoneActive(running);
        Job queued = Jobs.aQueuedJob(Jobs.anId("queued"), T0.plusSeconds(1));
        store().enqueue(new QueuedJob(queued, Optional.empty()), 10);
        OutboxMessage started = message(queued, "evt_start", T0.plusSeconds(2));

        assertThat(store().startQueued(queued.startFromQueue(), List.of(message(queued, "evt_early", T0)))).isFalse();
        store().update(running.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, "done"));
        assertThat(store().startQueued(queued.startFromQueue(), List.of(started))).isTrue();

        assertThat(outbox().deliveriesOf(queued.id())).extracting(Delivery::message).containsExactly(started);
    }

    @Test
    default void retention_takes_the_settled_messages_with_their_job_and_an_owed_one_once_it_is_settled() {
        Job job = Jobs.aRunningJob();
        OutboxMessage started = message(job, "evt_started", T0);
        store().insertIfNoneActive(job, List.of(started));
        Job ended = job.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, "done");
        OutboxMessage end = message(ended, "evt_end", T0);
        store().update(ended, List.of(end));
        outbox().recordAttempt(started, new DeliveryAttempt(1, T0, OptionalInt.of(204), Optional.empty()),
                Optional.empty());

        assertThat(store().deleteFinishedBefore(T0.plusSeconds(1))).containsExactly(job.id());

        assertThat(outbox().deliveriesOf(job.id())).extracting(d -> d.message().eventId()).containsExactly("evt_end");
        assertThat(outbox().dueDeliveries(T0, 10)).extracting(Delivery::message).containsExactly(end);
        outbox().recordAttempt(end, new DeliveryAttempt(1, T0, OptionalInt.of(204), Optional.empty()),
                Optional.empty());
        assertThat(outbox().deliveriesOf(job.id())).isEmpty();
    }

    @Test
    default void an_update_writes_its_messages_and_attempts_move_or_settle_them() {
        Job job = Jobs.aRunningJob();
        store().insertIfNoneActive(job);
        Job ended = job.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, "done");
        OutboxMessage message = new OutboxMessage("evt_b", job.id(), "job.succeeded",
                URI.create("https://hooks.example/b"), "{}", T0);
        assertThat(store().update(ended, List.of(message))).isTrue();

        DeliveryAttempt failed = new DeliveryAttempt(1, T0, OptionalInt.of(500), Optional.of("HTTP 500"));
        outbox().recordAttempt(message, failed, Optional.of(T0.plusSeconds(5)));
        assertThat(outbox().dueDeliveries(T0.plusSeconds(4), 10)).isEmpty();
        assertThat(outbox().dueDeliveries(T0.plusSeconds(5), 10)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).containsExactly(failed));

        DeliveryAttempt delivered = new DeliveryAttempt(2, T0.plusSeconds(5), OptionalInt.of(204), Optional.empty());
        outbox().recordAttempt(message, delivered, Optional.empty());
        assertThat(outbox().dueDeliveries(T0.plus(Duration.ofDays(2)), 10)).isEmpty();
        assertThat(outbox().deliveriesOf(job.id())).singleElement().satisfies(d -> {
            assertThat(d.attempts()).containsExactly(failed, delivered);
            assertThat(d.state()).isEqualTo("delivered");
            assertThat(d.nextAttemptAt()).isEmpty();
        });
    }

    @Test
    default void due_messages_come_oldest_first_and_at_most_the_limit() {
        Job job = Jobs.aRunningJob();
        OutboxMessage late = message(job, "evt_late", T0.plusSeconds(2));
        OutboxMessage early = message(job, "evt_early", T0);
        OutboxMessage middle = message(job, "evt_middle", T0.plusSeconds(1));
        store().insertIfNoneActive(job, List.of(late, early, middle));

        assertThat(outbox().dueDeliveries(T0.plusSeconds(10), 2)).extracting(d -> d.message().eventId())
                .containsExactly("evt_early", "evt_middle");
    }
}
