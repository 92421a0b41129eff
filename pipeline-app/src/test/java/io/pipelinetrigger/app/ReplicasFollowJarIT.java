package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    private static final String P = LogFollower.P;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "s3cr3t-Value-Of-The-Warehouse";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
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
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment, environment -> heldRun(environment, gate));
        for (int i = 0; i < replicas.count(); i++) {
            assertThat(replicas.server(i).log()).contains("as replica replica-" + i)
                    .contains("step output archived in the job store");
        }

        String jobId = replicas.api(0).accepted("{\"pipeline\": \"full\"}");
        Future<String> eventsOn1 = followers.submit(() -> on(1).events(jobId, "completed"));
        Future<String> eventsOn2 = followers.submit(() -> on(2).events(jobId, "completed"));
        Future<String> pagesOn1 = followers.submit(() -> on(1).pages(jobId, 4096));
        Future<JsonNode> waitedOn2 = followers.submit(() -> on(2).waited(jobId, 20));

        // live: replica 1 serves the first line while the step is held before the rest
        on(1).awaitLogContains(jobId, "first\n");
        assertThat(replicas.api(2).job(jobId).body().path("status").asText()).isEqualTo("running");
        assertThat(waitedOn2).isNotDone();
        Files.createFile(gate);

        // wait=20 on replica 2 answers with the end, which only the store told it
        JsonNode waited = waitedOn2.get();
        assertThat(waited.path("status").asText()).isEqualTo("completed");
        String whole = get(0, P + "/log?jobId=" + jobId).body();
        assertWholeHeldRun(whole);
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

    /**
     * The steps of these tests: the ingester prints "first", waits for the file {@code gate}, then 40 bursts of 50
     * lines over about 4 s with the secret in each; dbt prints one line.
     */
    static void heldRun(Map<String, String> environment, Path gate) {
        String ingester = "echo first; while [ ! -f " + gate + " ]; do sleep 0.05; done; i=0; while [ $i -lt 40 ];"
                + " do i=$((i+1)); j=0; while [ $j -lt 50 ]; do j=$((j+1)); echo \"burst $i line $j " + SECRET
                + " of the ingester\"; done; sleep 0.1; done";
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(ingester));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0 done"));
        environment.put("PIPELINE_REDACT", SECRET);
    }

    /** The whole log of {@link #heldRun}, as every replica must answer it. */
    static void assertWholeHeldRun(String whole) {
        assertThat(whole).startsWith("first\n").contains("burst 40 line 50 [REDACTED] of the ingester\n")
                .endsWith(" done\n").doesNotContain(SECRET);
        assertThat(whole.lines().count()).isEqualTo(1 + 40 * 50 + 1);
    }

    private LogFollower on(int replica) {
        return new LogFollower(replicas.base(replica));
    }

    private HttpResponse<String> get(int replica, String pathAndQuery) throws IOException, InterruptedException {
        return on(replica).get(pathAndQuery);
    }
}
