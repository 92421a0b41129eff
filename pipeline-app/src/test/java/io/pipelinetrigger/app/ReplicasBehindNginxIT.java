package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas behind Debian's nginx, configured as docs/operations.md ("Replicas") shows: round robin sends
 * each request to the next replica, so a client following {@code /log} page by page reads every page from
 * another replica than the last; the event stream passes through unbuffered, its first line arriving while the
 * step is still held; and the health answers say which replica answered.
 */
@ExtendWith(NginxBalancer.Available.class)
class ReplicasBehindNginxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final ExecutorService followers = Executors.newCachedThreadPool();
    private Replicas replicas;
    private NginxBalancer nginx;

    @AfterEach
    void cleanUp() {
        followers.shutdownNow();
        if (nginx != null) {
            nginx.close();
        }
        if (replicas != null) {
            replicas.close();
        } else {
            testbed.close();
        }
    }

    @Test
    @Timeout(240)
    void throughTheBalancerEveryRequestMayLandElsewhereAndTheLogIsWholeAndLive() throws Exception {
        Path gate = testbed.newDataDir().resolve("go");
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment,
                environment -> ReplicasFollowJarIT.heldRun(environment, gate));
        nginx = NginxBalancer.start(IntStream.range(0, 3).mapToObj(replicas::base).toList(), testbed.newDataDir());
        LogFollower balanced = new LogFollower(nginx.base());

        // a server without tokens on loopback shows the health detail: each replica says who it is
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            JsonNode health = JSON.readTree(balanced.get("/healthz").body());
            answeredBy.add(health.path("replica").asText());
        }
        assertThat(answeredBy).as("nginx log: %s", nginx.errors()).containsExactlyInAnyOrder("replica-0", "replica-1", "replica-2");

        JsonNode accepted = JSON.readTree(post(nginx.base()));
        String jobId = accepted.path("jobId").asText();
        assertThat(jobId).isNotBlank();
        Future<String> events = followers.submit(() -> balanced.events(jobId, "completed"));
        Future<String> pages = followers.submit(() -> balanced.pages(jobId, 8192));

        // the first line comes through nginx while the step still waits at the gate
        balanced.awaitLogContains(jobId, "first\n");
        assertThat(events).as("nginx log: %s", nginx.errors()).isNotDone();
        Files.createFile(gate);

        String whole = pages.get();
        ReplicasFollowJarIT.assertWholeHeldRun(whole);
        assertThat(events.get()).isEqualTo(whole);
        for (int i = 0; i < replicas.count(); i++) {
            assertThat(new LogFollower(replicas.base(i)).whole(jobId)).as("the log on replica %d", i).isEqualTo(whole);
        }
    }

    private static String post(URI base) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(LogFollower.P))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"full\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("trigger through nginx: %s", answer.body()).isEqualTo(202);
        return answer.body();
    }
}
