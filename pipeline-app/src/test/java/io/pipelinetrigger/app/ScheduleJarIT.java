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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule on the jar, in real time (docs/schedules.md): a {@code * * * * *} schedule fires, the server is
 * killed the moment its job appears and restarted at once, and that firing never runs again; then the server is
 * down over the next firing, and the restart catches it up once. Two real minute boundaries: about two minutes.
 * The server keeps its jobs in PostgreSQL, which a kill of the server cannot touch, and restarts as the same
 * replica, so what the test sees is the scheduler's own bookkeeping across kills.
 */
class ScheduleJarIT {

    /** A minute and its tick, the start-up of a loaded machine, and some slack. */
    private static final Duration FIRING = Duration.ofSeconds(90);
    private static final Pattern SCHEDULE_LOGGED = Pattern.compile("schedule every-minute: \"\\* \\* \\* \\* \\*\"");

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private Replicas server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        testbed.close();
    }

    /** One server on a PostgreSQL schema of its own; {@code restart(0)} starts it again as the same replica. */
    private Replicas startServer() {
        Path file = schedulesFile(testbed.newDataDir());
        server = Replicas.start(testbed, 1, JarTestbed::processEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt-ran"));
            environment.put("PIPELINE_JOB_RETENTION", "PT1H");
            environment.put("PIPELINE_SCHEDULES_FILE", file.toString());
        });
        return server;
    }

    private static Path schedulesFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("schedules.yaml"), """
                    schedules:
                      - name: every-minute
                        cron: "* * * * *"
                        timeZone: Europe/Berlin
                        request: {pipeline: dbt, command: test}
                        catchUp: once
                        startingDeadline: PT10M
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode schedule(JarApi api) {
        JsonNode schedules = api.schedules().body().path("schedules");
        assertThat(schedules).hasSize(1);
        return schedules.get(0);
    }

    /** Polls the schedules list until {@code condition} holds; fast, so a kill lands right after the firing. */
    private static JsonNode awaitSchedule(JarApi api, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + FIRING.toNanos();
        JsonNode schedule = schedule(api);
        while (!condition.test(schedule)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + FIRING + " for the schedule " + what + "; it is: " + schedule);
            }
            JarServer.sleep(20);
            schedule = schedule(api);
        }
        return schedule;
    }

    private static List<JsonNode> scheduledJobs(JarApi api) {
        List<JsonNode> jobs = new ArrayList<>();
        api.jobs().body().path("jobs").forEach(job -> {
            if (job.path("trigger").asText().equals("schedule:every-minute")) {
                jobs.add(job);
            }
        });
        return jobs;
    }

    private static void awaitClock(Instant moment) {
        while (Instant.now().isBefore(moment)) {
            JarServer.sleep(Math.max(1, Math.min(200, Duration.between(Instant.now(), moment).toMillis())));
        }
    }

    @Test
    void aFiringKilledAtItsMomentRunsOnceAndAFiringMissedWhileDownIsCaughtUpOnceAtTheRestart() {
        try {
            killAtTheFiringThenDownOverTheNext();
        } catch (AssertionError failed) {
            throw new AssertionError(failed.getMessage() + "\n" + testbed.serverLogs(), failed);
        }
    }

    private void killAtTheFiringThenDownOverTheNext() {
        startServer();
        JarApi api = server.api(0);

        JsonNode fired = awaitSchedule(api, s -> !s.path("lastJobId").isNull(), "to fire");
        server.server(0).kill(); // the moment its job exists: the firing's record was saved with it, or neither was
        String firingA = fired.path("lastRunAt").asText();
        String jobA = fired.path("lastJobId").asText();
        Instant nextBoundary = Instant.parse(firingA).plus(1, ChronoUnit.MINUTES);

        JarServer second = server.restart(0);
        JarApi restarted = server.api(0);
        assertThat(second.awaitLine(SCHEDULE_LOGGED, Duration.ofSeconds(30))).isPresent();
        assertThat(Instant.now()).as("the restart came up within the minute of the first firing")
                .isBefore(nextBoundary.minusSeconds(3));
        awaitClock(nextBoundary.minusSeconds(2)); // up and ticking for the rest of that minute
        JsonNode beforeSecondKill = schedule(restarted);
        assertThat(beforeSecondKill.path("lastRunAt").asText()).isEqualTo(firingA);
        assertThat(beforeSecondKill.path("lastJobId").asText()).isEqualTo(jobA);
        assertThat(scheduledJobs(restarted)).extracting(j -> j.path("jobId").asText()).containsExactly(jobA);
        second.kill();

        awaitClock(nextBoundary.plusSeconds(2)); // down over the next firing
        Instant restartedAt = Instant.now();
        server.restart(0);
        JarApi third = server.api(0);
        JsonNode caughtUp = awaitSchedule(third, s -> !s.path("lastJobId").asText().equals(jobA), "to catch up");

        assertThat(caughtUp.path("lastRunAt").asText()).isEqualTo(nextBoundary.toString().replace("Z", ".000Z"));
        assertThat(caughtUp.path("lastResult").asText()).isEqualTo("started");
        String jobB = caughtUp.path("lastJobId").asText();
        JsonNode catchUpJob = third.awaitFinished(jobB);
        assertThat(catchUpJob.path("outcome").asText()).as("%s", catchUpJob).isEqualTo("succeeded");
        assertThat(catchUpJob.path("output").asText()).contains("dbt-ran");
        assertThat(Instant.parse(catchUpJob.path("createdAt").asText())).isAfter(restartedAt);
        assertThat(scheduledJobs(third)).extracting(j -> j.path("jobId").asText()).containsExactly(jobB, jobA);
    }
}
