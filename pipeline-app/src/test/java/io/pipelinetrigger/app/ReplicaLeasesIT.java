package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three jar servers as the replicas of one deployment on the real PostgreSQL and the real engine
 * (docs/operations.md, "Replicas"): the one active run across replicas, adoption of a killed replica's job by
 * reattaching to its container, a cancel that reaches the replica carrying the job, and a replica cut off from the
 * database (through a TCP forwarder the test controls, never by stopping the shared database; ReplicaDatabaseOutageIT
 * stops a server of its own) that lets go, claims nothing, and rejoins. Leases are short here (6 s, heartbeat 2 s)
 * so the test does not wait long.
 */
@ExtendWith(DockerEngineAvailable.class)
class ReplicaLeasesIT {

    private static final String DBT = "{\"pipeline\": \"dbt\", \"command\": \"daily\"}";
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Beyond lease + heartbeat: a JVM's and the database's own latency on a busy two-core machine. */
    private static final Duration LATENCY = Duration.ofSeconds(5);

    private final JarTestbed testbed = JarTestbed.withDocker();
    private final List<AutoCloseable> closeAfterwards = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : closeAfterwards) {
            closeable.close();
        }
        testbed.close();
    }

    private Replicas start(int count, DockerStepGate gate, String end) {
        Replicas replicas = Replicas.start(testbed, count, JarTestbed::dockerEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo before; " + DockerStepGate.AWAIT
                    + "; echo after; " + end));
            environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
            environment.put("PIPELINE_LEASE_DURATION", LEASE.toString());
            environment.put("PIPELINE_HEARTBEAT_INTERVAL", HEARTBEAT.toString());
        });
        closeAfterwards.add(0, replicas);
        return replicas;
    }

    @Test
    void aHundredParallelTriggersSpreadOverThreeReplicasGetExactlyOne202() throws Exception {
        DockerStepGate gate = testbed.newGate();
        Replicas replicas = start(3, gate, "exit 0");
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Callable<Answer>> triggers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                JarApi api = replicas.api(i % 3);
                triggers.add(() -> api.trigger(DBT));
            }
            for (Future<Answer> answer : pool.invokeAll(triggers)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(accepted).as("202 answers").hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() == 409)).as("409 answers").hasSize(99);
        String jobId = accepted.get(0).jobId();
        gate.open();
        assertThat(replicas.api(2).awaitFinished(jobId).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void theJobOfAKilledReplicaIsAdoptedInTimeAndEndsWithItsContainersExitCodeAndWholeLogWithoutASecondContainer()
            throws Exception {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Replicas replicas = start(3, gate, "exit 5");
        String jobId = replicas.api(0).accepted(DBT);
        replicas.api(0).awaitOutput(jobId, "before");
        // followers on the other replicas, from before the kill to the end of the adopted run
        ExecutorService followers = Executors.newFixedThreadPool(2);
        closeAfterwards.add(followers::shutdownNow);
        Future<String> events = followers.submit(() -> new LogFollower(replicas.base(1)).events(jobId, "completed"));
        Future<String> pages = followers.submit(() -> new LogFollower(replicas.base(2)).pages(jobId, 4));

        Instant killed = Instant.now();
        replicas.server(0).kill();
        Instant deadline = killed.plus(LEASE).plus(HEARTBEAT).plus(LATENCY);
        String adopter = awaitLogLine(List.of(replicas.server(1), replicas.server(2)),
                Pattern.compile(Pattern.quote("job " + jobId + ": adopted by replica ") + "(\\S+)"), deadline)
                .orElseThrow(() -> new AssertionError("no replica adopted job " + jobId + " by " + deadline + "; logs:\n"
                        + replicas.server(1).log() + "\n---\n" + replicas.server(2).log()));
        assertThat(adopter).isIn("replica-1", "replica-2");
        assertThat(DockerCli.state(RestartReattachIT.containerOf(jobId))).contains("running");
        gate.open();
        JsonNode done = replicas.api(1).awaitFinished(jobId);

        RestartReattachIT.assertCompletedOnce(done, 5);
        assertThat(replicas.api(2).job(jobId).body().path("exitCode").asInt()).isEqualTo(5);
        String whole = new LogFollower(replicas.base(2)).whole(jobId);
        assertThat(whole).as("the container's whole log, each line once").isEqualTo("before\nafter\n");
        assertThat(events.get(60, TimeUnit.SECONDS)).as("a follower of the events on replica 1").isEqualTo(whole);
        assertThat(pages.get(60, TimeUnit.SECONDS)).as("a follower of log pages on replica 2").isEqualTo(whole);
        assertThat(DockerCli.containersCreatedFor(jobId, since)).as("containers ever created for the job").isEqualTo(1);
        assertThat(leaseHolder(replicas, jobId)).contains(adopter);
    }

    @Test
    void aCancelOnAnotherReplicaStopsTheStepOnTheReplicaThatRunsIt() {
        DockerStepGate gate = testbed.newGate();
        Replicas replicas = start(3, gate, "exit 0");
        String jobId = replicas.api(0).accepted(DBT);
        replicas.api(0).awaitOutput(jobId, "before");

        Answer cancel = replicas.api(1).cancel(jobId);
        JsonNode done = replicas.api(2).awaitFinished(jobId);

        assertThat(cancel.status()).as("%s", cancel.body()).isEqualTo(202);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("cancelled");
        assertThat(done.path("output").asText()).contains("before").doesNotContain("after");
        assertThat(replicas.server(1).log()).contains("job " + jobId + ": cancel requested; left in the store");
        assertThat(replicas.server(0).log()).contains("job " + jobId + ": a cancel came through the store")
                .containsPattern("job " + jobId + ": stopping container");
        assertThat(leaseHolder(replicas, jobId)).as("nobody adopted it").contains("replica-0");
        gate.open();
    }

    @Test
    void aReplicaCutOffFromTheDatabaseLetsGoOfItsJobClaimsNothingAndRejoinsWhenTheDatabaseAnswers() throws Exception {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Replicas replicas = start(2, gate, "exit 5");
        Matcher address = Pattern.compile("//([^:/]+):(\\d+)/").matcher(Replicas.URL);
        assertThat(address.find()).as("host and port in %s", Replicas.URL).isTrue();
        TcpCut cut = TcpCut.to(address.group(1), Integer.parseInt(address.group(2)));
        closeAfterwards.add(cut);
        Map<String, String> environment = replicas.environment(0);
        environment.put("PIPELINE_DATA_DIR", testbed.newDataDir().toString());
        environment.put("PIPELINE_REPLICA_ID", "replica-cut");
        environment.put("PIPELINE_DB_URL", replicas.databaseUrl().replace(address.group(1) + ":" + address.group(2),
                "127.0.0.1:" + cut.port()));
        JarServer cutOff = testbed.start(environment);
        JarApi cutOffApi = testbed.api(cutOff);
        String jobId = cutOffApi.accepted(DBT);
        cutOffApi.awaitOutput(jobId, "before");

        cut.cut();
        Instant lapseBy = Instant.now().plus(LEASE).plus(HEARTBEAT).plus(Duration.ofSeconds(10)).plus(LATENCY);
        assertThat(awaitLogLine(List.of(cutOff), Pattern.compile(Pattern.quote("job " + jobId + ": lease lost")), lapseBy))
                .as("the cut-off replica lets go of its job; log:%n%s", cutOff.log()).isPresent();
        assertThat(awaitLogLine(List.of(replicas.server(0), replicas.server(1)),
                Pattern.compile(Pattern.quote("job " + jobId + ": adopted by replica ") + "(\\S+)"), lapseBy))
                .as("another replica adopts it").isPresent();
        Answer refused = cutOffApi.trigger(DBT);
        assertThat(refused.status()).as("a replica out of reach of the store claims nothing: %s", refused.body())
                .isGreaterThanOrEqualTo(500);
        gate.open();
        JsonNode done = replicas.api(0).awaitFinished(jobId);
        RestartReattachIT.assertCompletedOnce(done, 5);

        cut.mend();
        JsonNode seen = cutOffApi.awaitJob(jobId, job -> job.path("status").asText().equals("completed"),
                "to be read through the mended connection");
        assertThat(seen.path("exitCode").asInt()).as("the adopter's end stands").isEqualTo(5);
        String next = cutOffApi.accepted(DBT);
        assertThat(cutOffApi.awaitFinished(next).path("exitCode").asInt()).as("it runs jobs again").isEqualTo(5);
        assertThat(leaseHolder(replicas, next)).contains("replica-cut");
        assertThat(DockerCli.containersCreatedFor(jobId, since)).isEqualTo(1);
    }

    /** The first match of {@code pattern} (its first group) in any of the servers' logs, waiting until {@code deadline}. */
    static Optional<String> awaitLogLine(List<JarServer> servers, Pattern pattern, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            for (JarServer server : servers) {
                Matcher matcher = pattern.matcher(server.log());
                if (matcher.find()) {
                    return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
                }
            }
            JarServer.sleep(100);
        }
        return Optional.empty();
    }

    private static Optional<String> leaseHolder(Replicas replicas, String jobId) {
        try (Connection connection = Replicas.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT lease_holder FROM " + replicas.schema() + ".jobs WHERE id = ?")) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lease of job " + jobId + ": " + e.getMessage(), e);
        }
    }
}
