package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas whose PostgreSQL server really stops for a while and comes back (docs/operations.md, "Failure
 * table", the database lost): a cluster of the test's own ({@link PrivatePostgres}), as the shared test database
 * must stay up. While it is away no replica claims work and the executing replica's lease lapses; once it is back
 * the job held at a gate is adopted again and ends with its container's exit code and whole log, from the one
 * container, and every replica runs jobs again. Leases are short here (6 s, heartbeat 2 s), as in ReplicaLeasesIT.
 */
@ExtendWith({DockerEngineAvailable.class, PostgresBinariesAvailable.class})
class ReplicaDatabaseOutageIT {

    private static final String DBT = "{\"pipeline\": \"dbt\", \"command\": \"daily\"}";
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Beyond lease + heartbeat: a JVM's latency and the pool's reconnecting on a busy two-core machine. */
    private static final Duration LATENCY = Duration.ofSeconds(20);

    private final JarTestbed testbed = JarTestbed.withDocker();
    private PrivatePostgres postgres;

    @AfterEach
    void cleanUp() {
        try {
            testbed.close(); // the replicas; their schema goes with the cluster
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void whileTheDatabaseIsStoppedNoReplicaClaimsWorkAndTheLeaseLapsesAndOnceItIsBackTheJobEndsOnceAndAllRunJobsAgain()
            throws Exception {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        postgres = PrivatePostgres.create();
        Replicas replicas = Replicas.start(testbed, postgres.database(), 3, JarTestbed::dockerEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo before; " + DockerStepGate.AWAIT
                    + "; echo after; exit 5"));
            environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
            environment.put("PIPELINE_LEASE_DURATION", LEASE.toString());
            environment.put("PIPELINE_HEARTBEAT_INTERVAL", HEARTBEAT.toString());
        });
        List<JarServer> all = List.of(replicas.server(0), replicas.server(1), replicas.server(2));
        String jobId = replicas.api(0).accepted(DBT);
        replicas.api(0).awaitOutput(jobId, "before");

        postgres.stopImmediately();
        Instant stopped = Instant.now();
        List<CompletableFuture<Answer>> triggers = List.of(0, 1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> replicas.api(i).trigger(DBT))).toList();
        for (CompletableFuture<Answer> trigger : triggers) {
            Answer refused = trigger.get();
            assertThat(refused.status()).as("a replica without its store claims nothing: %s", refused.body())
                    .isGreaterThanOrEqualTo(500);
        }
        Instant lapseBy = stopped.plus(LEASE).plus(HEARTBEAT).plus(LATENCY);
        assertThat(ReplicaLeasesIT.awaitLogLine(List.of(replicas.server(0)),
                Pattern.compile(Pattern.quote("job " + jobId + ": lease lost")), lapseBy))
                .as("the executing replica lets go of its job; log:%n%s", replicas.server(0).log()).isPresent();

        postgres.start();
        Instant adoptBy = Instant.now().plus(LEASE).plus(HEARTBEAT).plus(LATENCY);
        assertThat(ReplicaLeasesIT.awaitLogLine(all,
                Pattern.compile(Pattern.quote("job " + jobId + ": adopted by replica ") + "(\\S+)"), adoptBy))
                .as("a replica adopts the job once the database is back; log of replica 0:%n%s",
                        replicas.server(0).log()).isPresent();
        gate.open();
        JsonNode done = replicas.api(1).awaitFinished(jobId);

        RestartReattachIT.assertCompletedOnce(done, 5);
        assertThat(new LogFollower(replicas.base(2)).whole(jobId)).as("the container's whole log, each line once")
                .isEqualTo("before\nafter\n");
        assertThat(DockerCli.containersCreatedFor(jobId, since)).as("containers ever created for the job").isEqualTo(1);
        for (int i = 0; i < replicas.count(); i++) {
            assertThat(replicas.api(i).job(jobId).body().path("exitCode").asInt()).as("replica %d reads the end", i)
                    .isEqualTo(5);
            String next = replicas.api(i).accepted(DBT);
            assertThat(replicas.api(i).awaitFinished(next).path("exitCode").asInt()).as("replica %d runs a job", i)
                    .isEqualTo(5);
        }
    }
}
