package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No webhook is lost when the server dies between a job's end and the message's delivery (docs/webhooks.md,
 * "Delivery"): a receiver holds the first request open without answering, so the server is killed (-9) with
 * {@code job.started} in flight and {@code job.succeeded} never sent; once the receiver answers, the restarted
 * server delivers both, the in-flight one again under the same {@code webhook-id}.
 */
class WebhooksAcrossKillJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final HeldReceiver receiver = new HeldReceiver();

    @AfterEach
    void cleanUp() {
        receiver.close();
        testbed.close();
    }

    @Test
    void aServerKilledWithMessagesOwedDeliversEveryOneOnceRestartedUnderTheSameIds() throws Exception {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt done"));
        environment.put("PIPELINE_WEBHOOK_URLS", receiver.url());
        environment.put("PIPELINE_WEBHOOK_SECRET", "whsec_" + java.util.Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted("{\"pipeline\": \"dbt\"}");
        assertThat(api.awaitFinished(jobId).path("status").asText()).isEqualTo("completed");
        assertThat(receiver.firstArrived.await(30, TimeUnit.SECONDS)).as("the first message reached the receiver").isTrue();
        JsonNode owed = api.deliveries(jobId).body().get("deliveries");
        assertThat(owed).hasSize(2);

        first.kill();
        receiver.answerFromNowOn();
        JarServer second = testbed.start(environment);
        JarApi restarted = testbed.api(second);

        JsonNode delivered = awaitAllDelivered(restarted, jobId);
        assertThat(delivered).extracting(d -> d.get("event").asText()).containsExactly("job.started", "job.succeeded");
        List<String> answeredIds = receiver.answered.stream().map(Received::webhookId).toList();
        assertThat(answeredIds).containsExactlyInAnyOrder(owed.get(0).get("eventId").asText(),
                owed.get(1).get("eventId").asText());
        assertThat(receiver.held).first().satisfies(held -> { // the one in flight when the server died
            assertThat(held.webhookId()).isEqualTo(owed.get(0).get("eventId").asText());
            assertThat(held.type()).isEqualTo("job.started");
        });
        assertThat(receiver.answered).filteredOn(r -> r.type().equals("job.succeeded")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains(jobId));
        assertThat(metrics(second)).contains("pipeline_trigger_webhook_deliveries_total{result=\"delivered\"} 2.0");
    }

    private static String metrics(JarServer server) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode awaitAllDelivered(JarApi api, String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode deliveries = api.deliveries(jobId).body().get("deliveries");
            boolean all = deliveries.size() == 2;
            for (JsonNode delivery : deliveries) {
                all &= delivery.get("state").asText().equals("delivered");
            }
            if (all) {
                return deliveries;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the owed messages were not delivered after the restart: " + deliveries);
            }
            JarServer.sleep(200);
        }
    }

    record Received(String webhookId, String type, String body) {
    }

    /** A loopback receiver that holds requests open, unanswered, until told to answer 204 from then on. */
    private static final class HeldReceiver implements AutoCloseable {
        final List<Received> held = new CopyOnWriteArrayList<>();
        final List<Received> answered = new CopyOnWriteArrayList<>();
        final CountDownLatch firstArrived = new CountDownLatch(1);
        private final CountDownLatch answering = new CountDownLatch(1);
        private final HttpServer server;

        HeldReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/hook", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        void answerFromNowOn() {
            answering.countDown();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received received = new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    JSON.readTree(body).path("type").asText(), body);
            if (answering.getCount() > 0) {
                held.add(received);
                firstArrived.countDown();
                try {
                    answering.await(); // never answered: its sender was killed meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            answered.add(received);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        @Override
        public void close() {
            answering.countDown();
            server.stop(0);
        }
    }
}
