package io.pipelinetrigger.webhook;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import io.pipelinetrigger.core.port.out.RunMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a real receiver on a free port, with time moved by hand (no sleeps decide anything). */
class WebhookSenderTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RunMetrics metrics = new RunMetrics() {
        @Override
        public void webhookDelivery(String result) {
            counted.add(result);
        }
    };

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private Receiver receiver(java.util.function.IntUnaryOperator answer) {
        Receiver receiver = Receiver.answering(answer);
        closing.add(receiver);
        return receiver;
    }

    private WebhookSender sender(URI endpoint, Duration timeout) {
        return WebhookSender.builder(store, List.of(new WebhookEndpoint(endpoint, Set.of(), WebhookFormat.JSON)))
                .secret(java.util.Optional.of(WebhookSecret.parse(SECRET))).timeout(timeout).clock(clock)
                .random(new Random(7)).metrics(metrics).build();
    }

    private OutboxMessage enqueue(URI endpoint, String eventId) {
        Job job = Jobs.aRunningJob(Jobs.anId(eventId.substring(eventId.length() - 6)), T0);
        OutboxMessage message = new OutboxMessage(eventId, job.id(), "job.started", endpoint,
                "{\"type\":\"job.started\",\"id\":\"" + eventId + "\",\"note\":\"caf\u00e9\"}", clock.instant());
        assertThat(store.insertIfNoneActive(job, List.of(message))).isEmpty();
        store.update(job.cancel("cancelled", java.util.OptionalInt.empty(), clock.instant(), ""));
        return message;
    }

    /** The Standard Webhooks verification, written from the specification, apart from the code under test. */
    private static boolean verifies(Receiver.Request request) throws Exception {
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.header("webhook-signature").split(" ")) {
            if (signature.equals("v1," + expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_message_arrives_signed_as_the_standard_webhooks_specification_says_and_is_settled() throws Exception {
        Receiver receiver = receiver(n -> 204);
        OutboxMessage message = enqueue(receiver.url("/hook"), "evt_aaaaaa");

        assertThat(sender(receiver.url("/hook"), Duration.ofSeconds(10)).deliverDue()).isEqualTo(1);

        Receiver.Request request = receiver.requests.peek();
        assertThat(request.body()).isEqualTo(message.body());
        assertThat(request.header("webhook-id")).isEqualTo("evt_aaaaaa");
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(verifies(request)).isTrue();
        assertThat(store.deliveriesOf(message.jobId())).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo("delivered");
            assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.statusCode()).hasValue(204));
        });
    }

    @Test
    void after_a_500_the_message_is_tried_again_within_ten_seconds_with_the_same_id() throws Exception {
        Receiver receiver = receiver(n -> n == 1 ? 500 : 200);
        OutboxMessage message = enqueue(receiver.url("/hook"), "evt_bbbbbb");
        WebhookSender sender = sender(receiver.url("/hook"), Duration.ofSeconds(10));

        sender.deliverDue();
        Delivery afterFirst = store.deliveriesOf(message.jobId()).get(0);
        assertThat(afterFirst.attempts()).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).hasValue(500);
            assertThat(a.error()).hasValue("answered 500");
        });
        Instant next = afterFirst.nextAttemptAt().orElseThrow();
        assertThat(next).isBetween(T0.plusSeconds(4), T0.plusSeconds(10));

        clock.advance(Duration.between(T0, next).minusMillis(1));
        assertThat(sender.deliverDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(sender.deliverDue()).isEqualTo(1);

        assertThat(receiver.requests).extracting(r -> r.header("webhook-id")).containsExactly("evt_bbbbbb", "evt_bbbbbb");
        assertThat(store.deliveriesOf(message.jobId()).get(0).state()).isEqualTo("delivered");
        assertThat(counted).containsExactly("retrying", "delivered");
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_is_a_failed_attempt_tried_again() throws Exception {
        Receiver receiver = receiver(n -> n == 1 ? -3_000 : 200);
        OutboxMessage message = enqueue(receiver.url("/slow"), "evt_cccccc");
        WebhookSender sender = sender(receiver.url("/slow"), Duration.ofMillis(300));

        sender.deliverDue();
        clock.advance(Duration.ofSeconds(10));
        sender.deliverDue();

        assertThat(store.deliveriesOf(message.jobId()).get(0).attempts()).extracting(DeliveryAttempt::error)
                .containsExactly(java.util.Optional.of("no answer within 300 ms"), java.util.Optional.empty());
    }

    @Test
    void a_redirect_is_never_followed_and_counts_as_a_failure() throws Exception {
        Receiver receiver = receiver(n -> 302);
        OutboxMessage message = enqueue(receiver.url("/moved"), "evt_dddddd");

        sender(receiver.url("/moved"), Duration.ofSeconds(10)).deliverDue();

        assertThat(receiver.requests).extracting(Receiver.Request::path).containsExactly("/moved");
        assertThat(store.deliveriesOf(message.jobId()).get(0).attempts().get(0).error())
                .hasValue("answered 302 (redirects are never followed)");
    }

    @Test
    void a_message_for_an_endpoint_no_longer_configured_is_never_sent() throws Exception {
        Receiver receiver = receiver(n -> 200);
        OutboxMessage message = enqueue(receiver.url("/old"), "evt_eeeeee");

        sender(receiver.url("/new"), Duration.ofSeconds(10)).deliverDue();

        assertThat(receiver.requests).isEmpty();
        Delivery delivery = store.deliveriesOf(message.jobId()).get(0);
        assertThat(delivery.state()).isEqualTo("failed");
        assertThat(delivery.attempts().get(0).error()).hasValue("not sent: the endpoint is no longer configured");
        assertThat(counted).containsExactly("not_configured");
    }

    @Test
    void a_receiver_down_for_a_while_gets_every_message_once_it_is_back() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/hook");
        List<OutboxMessage> messages = IntStream.range(0, 5)
                .mapToObj(i -> enqueue(endpoint, "evt_down0" + i)).toList();
        WebhookSender sender = sender(endpoint, Duration.ofSeconds(2));

        assertThat(sender.deliverDue()).isEqualTo(5);
        clock.advance(Duration.ofSeconds(10));
        assertThat(sender.deliverDue()).isEqualTo(5);
        assertThat(store.deliveriesOf(messages.get(0).jobId()).get(0).attempts())
                .allSatisfy(a -> assertThat(a.error().orElseThrow()).startsWith("could not connect to 127.0.0.1:"));

        Receiver back = new Receiver(port, n -> 200);
        closing.add(back);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.deliverDue()).isEqualTo(5);

        Set<String> ids = new HashSet<>();
        back.requests.forEach(r -> ids.add(r.header("webhook-id")));
        assertThat(ids).containsExactlyInAnyOrder("evt_down00", "evt_down01", "evt_down02", "evt_down03",
                "evt_down04");
        assertThat(messages).allSatisfy(m -> assertThat(store.deliveriesOf(m.jobId()).get(0).state())
                .isEqualTo("delivered"));
    }

    @Test
    void a_message_that_keeps_failing_is_given_up_after_eight_attempts_within_a_day() throws Exception {
        Receiver receiver = receiver(n -> 503);
        OutboxMessage message = enqueue(receiver.url("/hook"), "evt_ffffff");
        WebhookSender sender = sender(receiver.url("/hook"), Duration.ofSeconds(10));

        for (int i = 0; i < 20 && store.deliveriesOf(message.jobId()).get(0).nextAttemptAt().isPresent(); i++) {
            clock.advance(Duration.between(clock.instant(),
                    store.deliveriesOf(message.jobId()).get(0).nextAttemptAt().get()));
            sender.deliverDue();
        }

        Delivery delivery = store.deliveriesOf(message.jobId()).get(0);
        assertThat(delivery.attempts()).hasSize(8);
        assertThat(delivery.state()).isEqualTo("failed");
        assertThat(counted).hasSize(8).endsWith("given_up").filteredOn("retrying"::equals).hasSize(7);
        assertThat(Duration.between(T0, delivery.attempts().get(7).at()))
                .isBetween(Duration.ofHours(16), Duration.ofHours(24));
    }
}
