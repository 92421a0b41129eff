package io.pipelinetrigger.webhook;

import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The background sender of the webhook outbox (docs/webhooks.md, "Delivery"): every poll interval it posts each
 * due message, records the attempt and, on failure, when to try again. It runs on its own thread, so a slow or
 * dead receiver never holds up a run; and it reads only the store, so after a restart it goes on where the last
 * server stopped. A message whose endpoint is no longer configured is never sent.
 */
public final class WebhookSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());
    private static final int BATCH = 100;

    private final DeliveryOutbox outbox;
    private final Set<URI> endpoints;
    private final HttpPost post;
    private final RetrySchedule retries;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final RunMetrics metrics;
    private ScheduledExecutorService thread;

    private WebhookSender(Builder builder) {
        this.outbox = builder.outbox;
        this.endpoints = builder.endpoints.stream().map(WebhookEndpoint::url).collect(Collectors.toUnmodifiableSet());
        this.post = new HttpPost(builder.secret, builder.timeout);
        this.retries = new RetrySchedule(builder.random);
        this.clock = builder.clock;
        this.pollInterval = builder.pollInterval;
        this.metrics = builder.metrics;
    }

    public static Builder builder(DeliveryOutbox outbox, List<WebhookEndpoint> endpoints) {
        return new Builder(outbox, endpoints);
    }

    /** Starts the sender's thread ({@code pipeline-webhooks}, a daemon: the outbox keeps what it has not sent). */
    public synchronized WebhookSender start() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pipeline-webhooks");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::deliverDueQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One pass over the due messages; returns how many attempts it made. Tests call it with their own clock. */
    public int deliverDue() throws InterruptedException {
        int attempts = 0;
        for (Delivery delivery : outbox.dueDeliveries(clock.instant(), BATCH)) {
            attempt(delivery);
            attempts++;
        }
        return attempts;
    }

    private void deliverDueQuietly() {
        try {
            deliverDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the store may be away for a moment; what is due stays due
            LOG.log(Level.WARNING, "Webhook deliveries could not be read or recorded: {0}", e.getMessage());
        }
    }

    private void attempt(Delivery delivery) throws InterruptedException {
        OutboxMessage message = delivery.message();
        int number = delivery.attempts().size() + 1;
        Instant now = clock.instant();
        if (!endpoints.contains(message.endpoint())) {
            outbox.recordAttempt(message, new DeliveryAttempt(number, now, OptionalInt.empty(),
                    Optional.of("not sent: the endpoint is no longer configured")), Optional.empty());
            metrics.webhookDelivery("not_configured");
            return;
        }
        HttpPost.Result result = post.send(message, now);
        DeliveryAttempt attempt = new DeliveryAttempt(number, now, result.statusCode(), result.error());
        Optional<Instant> next = attempt.delivered() ? Optional.empty() : retries.next(number, clock.instant());
        outbox.recordAttempt(message, attempt, next);
        metrics.webhookDelivery(attempt.delivered() ? "delivered" : next.isPresent() ? "retrying" : "given_up");
        if (!attempt.delivered()) {
            LOG.log(Level.WARNING, "Job {0}: webhook {1} {2} to {3}, attempt {4}: {5}; {6}.", message.jobId(),
                    message.eventType(), message.eventId(), message.endpoint().getHost(), number,
                    result.error().orElse(""), next.map(n -> "next attempt at " + n).orElse("giving up"));
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    /** The sender's knobs; each has a default. */
    public static final class Builder {
        private final DeliveryOutbox outbox;
        private final List<WebhookEndpoint> endpoints;
        private Optional<WebhookSecret> secret = Optional.empty();
        private Duration timeout = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofSeconds(1);
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = new SecureRandom();
        private RunMetrics metrics = RunMetrics.NONE;

        private Builder(DeliveryOutbox outbox, List<WebhookEndpoint> endpoints) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            this.endpoints = List.copyOf(endpoints);
        }

        /** Signs every message (Standard Webhooks); without one, messages go unsigned. */
        public Builder secret(Optional<WebhookSecret> secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** How long one attempt may take, connect to status line; 10 s by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often the outbox is read for due messages; 1 s by default. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Counts each attempt by its result (delivered, retrying, given_up, not_configured); none by default. */
        public Builder metrics(RunMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public WebhookSender build() {
            return new WebhookSender(this);
        }
    }
}
