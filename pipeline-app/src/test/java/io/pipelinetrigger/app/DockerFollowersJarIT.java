package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following one run on the real Docker engine (docs/api.md, "Wait for the end instead of polling: wait", "Follow a
 * run live: events"): a pending {@code wait} answers once the container exits, fifty followers of the event stream
 * each get every byte, and a follower that stops reading is dropped without holding the step or the others up.
 * The step container is held at a gate, so "while the step runs" is a state the test controls.
 */
@ExtendWith(DockerEngineAvailable.class)
class DockerFollowersJarIT {

    private static final String P = LogFollower.P;
    /** Far below the 60 s a waiting poll asks for, far above what a container's exit takes to reach the job. */
    private static final Duration WELL_WITHIN_THE_WAIT = Duration.ofSeconds(40);
    private static final Duration FOLLOWING = Duration.ofSeconds(180);
    private static final int LONG_LINES = 100_000;
    private static final String PADDING = " of the dbt step" + ", padded to make a long line of the log".repeat(5);

    private final JarTestbed testbed = JarTestbed.withDocker();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void cleanUp() {
        clients.shutdownNow();
        testbed.close();
    }

    @Test
    void aPendingWaitAnswersTheEndedJobOnceTheContainerExits() throws Exception {
        DockerStepGate gate = testbed.newGate();
        JarServer server = serverRunningDbt("echo held at the gate; " + DockerStepGate.AWAIT + "; echo through; exit 3", gate);
        JarApi api = testbed.api(server);
        String jobId = api.accepted("{\"pipeline\": \"dbt\"}");
        api.awaitOutput(jobId, "held at the gate");

        long sent = System.nanoTime();
        Future<JsonNode> waited = clients.submit(() -> new LogFollower(base(server)).waited(jobId, 60));
        // only the gate ends the job: the waiting poll cannot have anything to answer before it opens
        assertThat(api.job(jobId).body().path("status").asText()).isEqualTo("running");
        gate.open();

        JsonNode answer;
        try {
            answer = waited.get(WELL_WITHIN_THE_WAIT.toNanos() - (System.nanoTime() - sent), TimeUnit.NANOSECONDS);
        } catch (TimeoutException notWoken) {
            throw new AssertionError("the poll waiting 60 s had not answered " + WELL_WITHIN_THE_WAIT.toSeconds()
                    + " s after it was sent, though the gate was open; the job is: " + api.job(jobId).body()
                    + "\nthe server's log:\n" + server.log());
        }
        assertThat(answer.path("status").asText()).isEqualTo("completed");
        assertThat(answer.path("exitCode").asInt()).isEqualTo(3);
        assertThat(answer.path("outcome").asText()).isEqualTo("errored");
        assertThat(answer.path("output").asText()).isEqualTo("held at the gate\nthrough\n");
        assertThat(answer.path("finishedAt").asText()).isEqualTo(api.job(jobId).body().path("finishedAt").asText());
    }

    @Test
    void fiftyFollowersOfTheEventStreamEachGetEveryByteAndTheEnd() throws Exception {
        DockerStepGate gate = testbed.newGate();
        JarServer server = serverRunningDbt("seq 1 50000; " + DockerStepGate.AWAIT + "; seq 50001 200000; exit 3", gate);
        String jobId = testbed.api(server).accepted("{\"pipeline\": \"dbt\"}");

        // all fifty are attached while the step is held; they read on their own threads as it goes on
        List<Future<Followed>> followers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            SseStream stream = SseStream.open(base(server), P + "/events?jobId=" + jobId);
            assertThat(stream.status()).as("follower %d", i).isEqualTo(200);
            followers.add(clients.submit(() -> Followed.toTheEnd(stream)));
        }
        gate.open();

        List<Followed> all = new ArrayList<>();
        for (Future<Followed> follower : followers) {
            all.add(follower.get(FOLLOWING.toSeconds(), TimeUnit.SECONDS));
        }
        String whole = new LogFollower(base(server)).whole(jobId);
        assertThat(whole).isEqualTo(printed(1, 200_000, ""));
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).log()).as("the log follower %d got", i).isEqualTo(whole);
            assertThat(all.get(i).end().path("status").asText()).isEqualTo("completed");
            assertThat(all.get(i).end().path("exitCode").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aFollowerThatStopsReadingIsDroppedWhileTheStepAndTheOthersRunToTheEnd() throws Exception {
        DockerStepGate gate = testbed.newGate();
        JarServer server = serverRunningDbt("seq 1 " + LONG_LINES + " | sed \"s/$/" + PADDING + "/\"; echo held at the gate; "
                + DockerStepGate.AWAIT + "; echo through; exit 3", gate);
        JarApi api = testbed.api(server);
        String jobId = api.accepted("{\"pipeline\": \"dbt\"}");
        SseStream reading = SseStream.open(base(server), P + "/events?jobId=" + jobId);
        assertThat(reading.status()).isEqualTo(200);
        Future<Followed> good = clients.submit(() -> Followed.toTheEnd(reading));
        String beforeTheGate = printed(1, LONG_LINES, PADDING) + "held at the gate\n";
        api.awaitOutput(jobId, "held at the gate");

        // about 20 MB of log to send, far more than the sockets and buffers on the way hold for a client that reads nothing
        try (SilentFollower stuck = SilentFollower.attach(server.port(), jobId)) {
            assertThat(stuck.awaitHead()).startsWith("HTTP/1.1 200");
            gate.open();

            JsonNode ended = api.awaitFinished(jobId);
            // nobody waited for the stuck client: the step ran to its end while it was still attached (the server
            // drops it only after its 20 s write timeout)
            assertThat(droppedFollowers(server)).as("followers dropped before the job ended").isEmpty();
            assertThat(ended.path("status").asText()).isEqualTo("completed");
            assertThat(ended.path("exitCode").asInt()).isEqualTo(3);
            Followed followed = good.get(FOLLOWING.toSeconds(), TimeUnit.SECONDS);
            String whole = new LogFollower(base(server)).pages(jobId, 8 * 1024 * 1024);
            assertThat(whole).isEqualTo(beforeTheGate + "through\n");
            assertThat(followed.log()).isEqualTo(whole);
            assertThat(followed.end().path("exitCode").asInt()).isEqualTo(3);

            Matcher dropped = server.awaitLine(SilentFollower.WENT_AWAY, Duration.ofSeconds(90))
                    .orElseThrow(() -> new AssertionError("the stuck follower was not dropped; log:\n" + server.log()));
            assertThat(dropped.group(1)).isEqualTo(jobId);
            assertThat(Long.parseLong(dropped.group(2))).as("the byte the stuck follower had reached")
                    .isLessThan(beforeTheGate.length());
            assertThat(stuck.readToClose()).contains("event: log").doesNotContain("event: end");
        }
    }

    /** What one follower of the event stream got: the log text and the end event's job view. */
    private record Followed(String log, JsonNode end) {
        static Followed toTheEnd(SseStream stream) throws Exception {
            try (stream) {
                StringBuilder text = new StringBuilder();
                JsonNode end = LogFollower.readToEnd(stream, text);
                return new Followed(text.toString(), end);
            }
        }
    }

    /** A server on the Docker engine, on its own data directory, whose dbt step runs {@code script} behind the gate. */
    private JarServer serverRunningDbt(String script, DockerStepGate gate) {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell(script));
        environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
        return testbed.start(environment);
    }

    private static List<String> droppedFollowers(JarServer server) {
        return server.log().lines().filter(line -> SilentFollower.WENT_AWAY.matcher(line).find()).toList();
    }

    /** The lines {@code from} to {@code to}, each number followed by {@code suffix}, as the step prints them. */
    private static String printed(int from, int to, String suffix) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i + suffix).collect(Collectors.joining("\n", "", "\n"));
    }

    private static URI base(JarServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
