package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule on three replicas of one PostgreSQL store and the real engine, in real time (docs/schedules.md,
 * "Exactly once"): each firing runs once although every replica ticks, and when the replica that fired is killed
 * while its step's container runs, a survivor adopts that run without a second container and the next firing
 * still runs once. Every replica shows the same last run. Two real minute boundaries: about two minutes.
 */
@ExtendWith(DockerEngineAvailable.class)
class ReplicaSchedulesIT {

    /** A minute and its tick, a loaded machine, and some slack. */
    private static final Duration FIRING = Duration.ofSeconds(100);

    private final JarTestbed testbed = JarTestbed.withDocker();
    private Replicas replicas;

    @AfterEach
    void cleanUp() {
        if (replicas != null) {
            replicas.close();
        }
        testbed.close();
    }

    @Test
    void eachFiringRunsOnceInOneContainerOnThreeReplicasAlsoWhenTheReplicaThatFiredDies() throws Exception {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Path file = schedulesFile(testbed.newDataDir());
        replicas = Replicas.start(testbed, 3, JarTestbed::dockerEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo before; " + DockerStepGate.AWAIT
                    + "; echo after"));
            environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
            environment.put("PIPELINE_SCHEDULES_FILE", file.toString());
            // short leases: the killed firer's run is adopted long before the next minute
            environment.put("PIPELINE_LEASE_DURATION", "PT6S");
            environment.put("PIPELINE_HEARTBEAT_INTERVAL", "PT2S");
        });

        JsonNode first = awaitSchedule(replicas.api(0), s -> !s.path("lastJobId").isNull(), "to fire");
        String firstJob = first.path("lastJobId").asText();
        int firer = replicaThatFired(firstJob);
        int survivor = (firer + 1) % 3;
        replicas.api(survivor).awaitOutput(firstJob, "before"); // the firer dies while the container runs
        replicas.server(firer).kill();
        gate.open();
        RestartReattachIT.assertCompletedOnce(replicas.api(survivor).awaitFinished(firstJob), 0);
        Instant firstRun = Instant.parse(first.path("lastRunAt").asText());

        JsonNode second = awaitSchedule(replicas.api(survivor),
                s -> Instant.parse(s.path("lastRunAt").asText()).isAfter(firstRun), "to fire again");
        assertThat(Instant.parse(second.path("lastRunAt").asText())).isEqualTo(firstRun.plus(1, ChronoUnit.MINUTES));
        String secondJob = second.path("lastJobId").asText();
        RestartReattachIT.assertCompletedOnce(replicas.api(survivor).awaitFinished(secondJob), 0);
        assertThat(replicaThatFired(secondJob)).isNotEqualTo(firer);

        int other = (firer + 2) % 3;
        assertThat(scheduledJobs(replicas.api(other))).containsExactlyInAnyOrder(firstJob, secondJob);
        assertThat(schedule(replicas.api(other)).path("lastJobId").asText()).isEqualTo(secondJob);
        assertThat(DockerCli.containersCreatedFor(firstJob, since)).as("containers of the adopted firing").isEqualTo(1);
        assertThat(DockerCli.containersCreatedFor(secondJob, since)).as("containers of the next firing").isEqualTo(1);
    }

    private static Path schedulesFile(Path directory) {
        try {
            return Files.writeString(directory.resolve("schedules.yaml"), """
                    schedules:
                      - name: every-minute
                        cron: "* * * * *"
                        request: {pipeline: dbt, command: test}
                        catchUp: skip
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The replica whose log says it fired the job (the line comes a moment after the firing is in the store). */
    private int replicaThatFired(String jobId) {
        List<Integer> fired = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (fired.isEmpty() && System.nanoTime() < deadline) {
            JarServer.sleep(50);
            for (int i = 0; i < replicas.count(); i++) {
                if (replicas.server(i).log().contains(": job " + jobId + " is running")) {
                    fired.add(i);
                }
            }
        }
        assertThat(fired).as("replicas that fired %s", jobId).hasSize(1);
        return fired.get(0);
    }

    private static JsonNode schedule(JarApi api) {
        JsonNode schedules = api.schedules().body().path("schedules");
        assertThat(schedules).hasSize(1);
        return schedules.get(0);
    }

    private static JsonNode awaitSchedule(JarApi api, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + FIRING.toNanos();
        JsonNode schedule = schedule(api);
        while (!condition.test(schedule)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + FIRING + " for the schedule " + what + "; it is: " + schedule);
            }
            JarServer.sleep(100);
            schedule = schedule(api);
        }
        return schedule;
    }

    private static List<String> scheduledJobs(JarApi api) {
        List<String> jobs = new ArrayList<>();
        api.jobs().body().path("jobs").forEach(job -> {
            if (job.path("trigger").asText().equals("schedule:every-minute")) {
                jobs.add(job.path("jobId").asText());
            }
        });
        return jobs;
    }
}
