package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
 * A schedule on three replicas of one PostgreSQL store, in real time (docs/schedules.md, "Exactly once"): each
 * firing runs once although every replica ticks, and when the replica that fired is killed the next firing still
 * runs once, on a survivor. Every replica shows the same last run. Two real minute boundaries: about two minutes.
 */
class ReplicaSchedulesIT {

    /** A minute and its tick, a loaded machine, and some slack. */
    private static final Duration FIRING = Duration.ofSeconds(100);

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private Replicas replicas;
    private Path shared;

    @AfterEach
    void cleanUp() {
        if (replicas != null) {
            replicas.close();
        }
        testbed.close();
    }

    @Test
    void eachFiringRunsOnceOnThreeReplicasAlsoWhenTheReplicaThatFiredDies() throws Exception {
        shared = testbed.newDataDir();
        Path file = schedulesFile();
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo \"$PIPELINE_JOB_ID\" >> "
                    + shared.resolve("starts") + "; echo dbt-ran"));
            environment.put("PIPELINE_SCHEDULES_FILE", file.toString());
        });

        JsonNode first = awaitSchedule(replicas.api(0), s -> !s.path("lastJobId").isNull(), "to fire");
        String firstJob = first.path("lastJobId").asText();
        int firer = replicaThatFired(firstJob);
        awaitStepStarted(firstJob); // the firer dies after its run began, not before its step could write
        replicas.server(firer).kill();
        int survivor = (firer + 1) % 3;
        Instant firstRun = Instant.parse(first.path("lastRunAt").asText());

        JsonNode second = awaitSchedule(replicas.api(survivor),
                s -> Instant.parse(s.path("lastRunAt").asText()).isAfter(firstRun), "to fire again");
        assertThat(Instant.parse(second.path("lastRunAt").asText())).isEqualTo(firstRun.plus(1, ChronoUnit.MINUTES));
        String secondJob = second.path("lastJobId").asText();
        assertThat(replicas.api(survivor).awaitFinished(secondJob).path("status").asText()).isEqualTo("completed");
        assertThat(replicaThatFired(secondJob)).isNotEqualTo(firer);

        int other = (firer + 2) % 3;
        assertThat(scheduledJobs(replicas.api(other))).containsExactlyInAnyOrder(firstJob, secondJob);
        assertThat(schedule(replicas.api(other)).path("lastJobId").asText()).isEqualTo(secondJob);
        assertThat(Files.readAllLines(shared.resolve("starts"))).as("the step runs, one per firing")
                .containsExactlyInAnyOrder(firstJob, secondJob);
    }

    private Path schedulesFile() {
        try {
            return Files.writeString(shared.resolve("schedules.yaml"), """
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
        List<Integer> accepted = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (accepted.isEmpty() && System.nanoTime() < deadline) {
            JarServer.sleep(50);
            for (int i = 0; i < replicas.count(); i++) {
                if (replicas.server(i).log().contains(": job " + jobId + " is running")) {
                    accepted.add(i);
                }
            }
        }
        assertThat(accepted).as("replicas that fired %s", jobId).hasSize(1);
        return accepted.get(0);
    }

    private void awaitStepStarted(String jobId) {
        Path starts = shared.resolve("starts");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (!(Files.exists(starts) && Files.readAllLines(starts).contains(jobId))) {
                assertThat(System.nanoTime()).as("the step of %s started within 20 s", jobId).isLessThan(deadline);
                JarServer.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
