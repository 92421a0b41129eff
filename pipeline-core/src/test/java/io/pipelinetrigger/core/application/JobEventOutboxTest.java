package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job's start and end reach the outbox with the save that caused them, one message per wanting endpoint. */
@Timeout(30)
class JobEventOutboxTest {

    private static final URI ALL = URI.create("https://ops.example/hook");
    private static final URI FAILURES = URI.create("https://hooks.slack.example/services/x");

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).jobRepository(store)
            .clock(clock).random(new Random(42))
            .webhooks(List.of(new WebhookEndpoint(ALL, Set.of(), WebhookFormat.JSON),
                            new WebhookEndpoint(FAILURES, Set.of("job.errored", "job.failed"), WebhookFormat.SLACK)),
                    (event, format) -> format + " " + event.type() + " " + event.job().status().wireName() + " "
                            + event.lastLines())
            .build();

    @AfterEach
    void close() {
        trigger.close();
    }

    @Test
    void a_job_that_errors_tells_its_start_to_every_endpoint_and_its_end_to_both_with_the_last_lines() throws Exception {
        runner.on(StepName.DBT, FakeStep.printing("compiling", "1 of 2 ERROR").thenExiting(1));

        Job job = Polling.untilFinished(trigger, trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());

        List<OutboxMessage> messages = store.deliveriesOf(job.id()).stream().map(Delivery::message).toList();
        assertThat(messages).extracting(m -> m.eventType() + " " + m.endpoint()).containsExactly(
                "job.started " + ALL, "job.errored " + ALL, "job.errored " + FAILURES);
        assertThat(messages.get(0).body()).isEqualTo("JSON job.started running []");
        assertThat(messages.get(2).body()).startsWith("SLACK job.errored completed [").contains("1 of 2 ERROR");
        assertThat(messages.get(1).eventId()).isEqualTo(messages.get(2).eventId())
                .isNotEqualTo(messages.get(0).eventId()).startsWith("evt_");
        assertThat(trigger.deliveries(job.id())).hasSize(3);
    }

    @Test
    void a_queued_job_tells_its_start_when_it_leaves_the_queue_and_a_cancelled_queued_one_only_its_end()
            throws Exception {
        FakeStep blocking = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, blocking);
        Job active = trigger.trigger(dbtWithPolicy(BusyPolicy.REJECT));
        blocking.awaitStarted();
        Job queued = trigger.submit(dbtWithPolicy(BusyPolicy.QUEUE), Optional.empty()).job();
        Job cancelledInQueue = trigger.submit(dbtWithPolicy(BusyPolicy.QUEUE), Optional.empty()).job();
        trigger.cancel(cancelledInQueue.id());
        assertThat(eventsTo(ALL, queued)).isEmpty();

        blocking.finish();
        Polling.untilFinished(trigger, active.id());
        Polling.untilFinished(trigger, queued.id());

        assertThat(eventsTo(ALL, queued)).containsExactly("job.started", "job.succeeded");
        assertThat(eventsTo(ALL, cancelledInQueue)).containsExactly("job.cancelled");
    }

    private List<String> eventsTo(URI endpoint, Job job) {
        return store.deliveriesOf(job.id()).stream().map(Delivery::message)
                .filter(m -> m.endpoint().equals(endpoint)).map(OutboxMessage::eventType).toList();
    }

    private static TriggerPipelineCommand dbtWithPolicy(BusyPolicy policy) {
        return new TriggerPipelineCommand(Pipeline.DBT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(policy), Optional.empty());
    }

    @Test
    void webhooks_need_a_store_that_keeps_an_outbox() {
        var storeWithoutOutbox = new io.pipelinetrigger.core.port.out.JobRepository() {
            public java.util.Optional<Job> insertIfNoneActive(Job job) { return store.insertIfNoneActive(job); }
            public boolean update(Job job) { return store.update(job); }
            public java.util.Optional<Job> findByIdempotencyKey(String key) { return store.findByIdempotencyKey(key); }
            public java.util.Optional<Job> findById(io.pipelinetrigger.core.domain.JobId id) { return store.findById(id); }
            public List<Job> findAll() { return store.findAll(); }
            public java.util.Optional<Job> findActive() { return store.findActive(); }
            public List<io.pipelinetrigger.core.domain.JobId> deleteFinishedBefore(java.time.Instant cutoff) { return List.of(); }
        };

        assertThatThrownBy(() -> PipelineTrigger.builder().containerRunner(runner).jobRepository(storeWithoutOutbox)
                .webhooks(List.of(new WebhookEndpoint(ALL, Set.of(), WebhookFormat.JSON)), (e, f) -> "").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outbox");
    }
}
