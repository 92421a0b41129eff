package io.pipelinetrigger.app;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook sending among three replicas on one PostgreSQL (docs/operations.md, "Replicas"): one replica at a time
 * has the sender's turn, every message reaches the receiver once, and when that replica is killed the turn moves
 * to another one, which sends the messages of later runs.
 */
class ReplicaWebhookTurnIT {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final String TURN_TAKEN = "this replica runs webhook-sender now";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final CountingReceiver receiver = new CountingReceiver();
    private Replicas replicas;

    @AfterEach
    void cleanUp() {
        receiver.close();
        if (replicas != null) {
            replicas.close();
        }
        testbed.close();
    }

    @Test
    void oneReplicaSendsEachMessageOnceAndTheTurnMovesOnWhenItDies() {
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt done"));
            environment.put("PIPELINE_WEBHOOK_URLS", receiver.url());
            environment.put("PIPELINE_WEBHOOK_SECRET", "whsec_" + Base64.getEncoder()
                    .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
            environment.put("PIPELINE_LEASE_DURATION", LEASE.toString());
            environment.put("PIPELINE_HEARTBEAT_INTERVAL", "PT1S");
        });
        String first = replicas.api(0).accepted("{\"pipeline\": \"dbt\"}");
        replicas.api(1).awaitFinished(first);
        receiver.awaitMessages(2);
        List<Integer> senders = holdersOfTheTurn();
        assertThat(senders).as("replicas that took the sender's turn").hasSize(1);
        int sender = senders.get(0);

        replicas.server(sender).kill();
        int other = (sender + 1) % 3;
        String second = replicas.api(other).accepted("{\"pipeline\": \"dbt\"}");
        replicas.api(other).awaitFinished(second);
        receiver.awaitMessages(4);

        assertThat(receiver.timesReceived.values()).as("each webhook-id received once: %s", receiver.timesReceived)
                .hasSize(4).allMatch(times -> times.get() == 1);
        assertThat(holdersOfTheTurn()).as("the turn moved to a live replica").hasSize(2).contains(sender)
                .doesNotHaveDuplicates();
    }

    private List<Integer> holdersOfTheTurn() {
        return java.util.stream.IntStream.range(0, 3).filter(i -> replicas.server(i).log().contains(TURN_TAKEN))
                .boxed().toList();
    }

    /** A loopback receiver that answers 204 and counts each webhook-id it was sent. */
    private static final class CountingReceiver implements AutoCloseable {
        final Map<String, AtomicInteger> timesReceived = new ConcurrentHashMap<>();
        private final HttpServer server;

        CountingReceiver() {
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

        void awaitMessages(int count) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (timesReceived.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited for " + count + " messages, got " + timesReceived);
                }
                JarServer.sleep(100);
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            timesReceived.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), id -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
