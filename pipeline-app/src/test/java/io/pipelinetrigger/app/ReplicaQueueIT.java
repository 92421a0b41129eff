package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue across three replicas on one PostgreSQL (docs/operations.md, "Replicas"): parallel
 * {@code onBusy: "queue"} triggers spread over the replicas give one run and exactly the queue's limit of queued
 * jobs, and every queued job runs once, whichever replica starts it (each run notes its job id in a shared file).
 */
class ReplicaQueueIT {

    private static final String QUEUE_DBT = "{\"pipeline\": \"dbt\", \"onBusy\": \"queue\"}";
    private static final int LIMIT = 4;

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
    void parallelQueueTriggersOverThreeReplicasKeepTheLimitAndEveryQueuedJobRunsOnce() throws Exception {
        shared = testbed.newDataDir();
        replicas = Replicas.start(testbed, 3, JarTestbed::processEnvironment, environment -> {
            environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
            environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo \"$PIPELINE_JOB_ID\" >> "
                    + shared.resolve("starts") + "; echo started; while [ ! -f " + shared.resolve("release")
                    + " ]; do sleep 0.1; done; echo done"));
            environment.put("PIPELINE_QUEUE_LIMIT", Integer.toString(LIMIT));
        });
        List<Answer> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Callable<Answer>> triggers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                JarApi api = replicas.api(i % 3);
                triggers.add(() -> api.trigger(QUEUE_DBT));
            }
            for (Future<Answer> answer : pool.invokeAll(triggers)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> accepted = answers.stream().filter(a -> a.status() == 202).map(Answer::jobId).toList();
        assertThat(answers.stream().filter(a -> a.body().path("status").asText().equals("running"))).hasSize(1);
        assertThat(answers.stream().filter(a -> a.body().path("status").asText().equals("queued"))).hasSize(LIMIT);
        assertThat(answers.stream().filter(a -> a.status() == 409)).hasSize(30 - 1 - LIMIT);
        Files.writeString(shared.resolve("release"), "go");
        for (String jobId : accepted) {
            JsonNode done = replicas.api(1).awaitJob(jobId, job -> job.path("outcome").isTextual(), "to end");
            assertThat(done.path("outcome").asText()).as("%s", done).isEqualTo("succeeded");
        }
        assertThat(starts()).as("each accepted job ran once").containsExactlyInAnyOrderElementsOf(accepted);
    }

    private List<String> starts() {
        try {
            return Files.readAllLines(shared.resolve("starts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
