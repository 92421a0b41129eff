package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas on one PostgreSQL (docs/operations.md, "Replicas"): a run triggered on replica 0 is followed on
 * replicas 1 and 2 through {@code /events}, {@code /log} pages and {@code wait=}; each follower gets every byte,
 * while the step still runs, equal to what replica 0 answers at the end, and a secret the step prints is redacted
 * on every replica. Any replica answers the poll and the list.
 */
class ReplicasFollowJarIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cr3t-Value-Of-The-Warehouse";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService followers = Executors.newCachedThreadPool();
    private Replicas replicas;

    @AfterEach
    void cleanUp() {
        followers.shutdownNow();
        if (replicas != null) {
            replicas.close();
        } else {
            testbed.close();
        }
    }

    @Test
    @Timeout(240)
    void followersOnTheOtherReplicasGetEveryByteLiveAndTheEnd() throws Exception {
        Path gate = testbed.newDataDir().resolve("go");
        // "first" before the gate, then 40 bursts of 50 lines over about 4 s, a secret in some of them
        String ingester = "echo first; while [ ! -f " + gate + " ]; do sleep 0.05; done; i=0; while [ $i -lt 40 ];"
                + " do i=$((i+1)); j=0; while [ $j -lt 50 ]; do j=$((j+1)); echo \"burst $i line $j " + SECRET
                + " of the ingester\"; done; sleep 0.1; done";
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(ingester));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0 done"));
            environment.put("PIPELINE_REDACT", SECRET);
        });
        for (int i = 0; i < replicas.count(); i++) {
            assertThat(replicas.server(i).log()).contains("as replica replica-" + i)
                    .contains("step output archived in the job store");
        }

        String jobId = replicas.api(0).accepted("{\"pipeline\": \"full\"}");
        Future<String> eventsOn1 = followers.submit(() -> followEvents(1, jobId));
        Future<String> eventsOn2 = followers.submit(() -> followEvents(2, jobId));
        Future<String> pagesOn1 = followers.submit(() -> followPages(1, jobId));
        CompletableFuture<JsonNode> waitedOn2 = CompletableFuture.supplyAsync(() -> waitFor(2, jobId), followers);

        // live: replica 1 serves the first line while the step is held before the rest
        awaitLogContains(1, jobId, "first\n");
        assertThat(replicas.api(2).job(jobId).body().path("status").asText()).isEqualTo("running");
        assertThat(waitedOn2).isNotDone();
        Files.createFile(gate);

        // wait=20 on replica 2 answers with the end, which only the store told it
        JsonNode waited = waitedOn2.get();
        assertThat(waited.path("status").asText()).isEqualTo("completed");
        String whole = get(0, P + "/log?jobId=" + jobId).body();
        assertThat(whole).startsWith("first\n").contains("burst 40 line 50 [REDACTED] of the ingester\n")
                .endsWith(" done\n").doesNotContain(SECRET);
        assertThat(whole.lines().count()).isEqualTo(1 + 40 * 50 + 1);
        assertThat(eventsOn1.get()).isEqualTo(whole);
        assertThat(eventsOn2.get()).isEqualTo(whole);
        assertThat(pagesOn1.get()).isEqualTo(whole);
        for (int i = 0; i < replicas.count(); i++) {
            assertThat(get(i, P + "/log?jobId=" + jobId).body()).as("the log on replica %d", i).isEqualTo(whole);
            assertThat(replicas.api(i).job(jobId).body().path("status").asText()).isEqualTo("completed");
            assertThat(JSON.readTree(get(i, P).body()).path("jobs").get(0).path("jobId").asText())
                    .isEqualTo(jobId);
        }
    }

    /** Everything an event stream on the replica delivers until its end event, which it insists on. */
    private String followEvents(int replica, String jobId) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        try (SseStream stream = SseStream.open(replicas.base(replica), P + "/events?jobId=" + jobId)) {
            assertThat(stream.status()).isEqualTo(200);
            for (Optional<SseStream.Event> next = stream.next(); next.isPresent(); next = stream.next()) {
                SseStream.Event event = next.get();
                if (event.name().equals("log")) {
                    text.append(event.data());
                } else if (event.name().equals("end")) {
                    assertThat(JSON.readTree(event.data()).path("status").asText()).isEqualTo("completed");
                    return text.toString();
                }
            }
        }
        throw new AssertionError("the event stream on replica " + replica + " ended without an end event; got "
                + text.length() + " characters");
    }

    /** {@code /log} page by page, as a script would follow it, until {@code X-Log-More} says no more comes. */
    private String followPages(int replica, String jobId) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        long offset = 0;
        while (true) {
            HttpResponse<String> page = get(replica, P + "/log?jobId=" + jobId + "&offset=" + offset + "&limit=4096");
            assertThat(page.statusCode()).isEqualTo(200);
            text.append(page.body());
            long next = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
            boolean more = Boolean.parseBoolean(page.headers().firstValue("X-Log-More").orElseThrow());
            if (!more) {
                return text.toString();
            }
            if (next == offset) {
                Thread.sleep(100);
            }
            offset = next;
        }
    }

    private JsonNode waitFor(int replica, String jobId) {
        try {
            return JSON.readTree(get(replica, P + "?jobId=" + jobId + "&wait=20").body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitLogContains(int replica, String jobId, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get(replica, P + "/log?jobId=" + jobId).body().contains(text)) {
            assertThat(System.nanoTime()).as("replica %d shows %s in time", replica, text).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(int replica, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = replicas.base(replica).resolve(pathAndQuery);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
