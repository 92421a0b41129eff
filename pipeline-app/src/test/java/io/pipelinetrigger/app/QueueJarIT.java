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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code onBusy: "queue"} on the jar with the process runner (docs/api.md, "When the pipeline is busy"): a dbt step
 * that notes its job id in a file and waits for a release file, so the test decides when the active run ends.
 */
class QueueJarIT {

    private static final String QUEUE_DBT = "{\"pipeline\": \"dbt\", \"onBusy\": \"queue\"}";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private Path dir;

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    private Map<String, String> environment() {
        dir = testbed.newDataDir();
        Map<String, String> environment = JarTestbed.processEnvironment(dir);
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo \"$PIPELINE_JOB_ID\" >> " + dir.resolve("starts")
                + "; echo started; while [ ! -f " + dir.resolve("release") + " ]; do sleep 0.1; done; echo done"));
        return environment;
    }

    private void release() {
        try {
            Files.writeString(dir.resolve("release"), "go");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> starts() {
        try {
            return Files.exists(dir.resolve("starts")) ? Files.readAllLines(dir.resolve("starts")) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the job has an outcome: a loop on {@code status == running} would stop at {@code queued}. */
    private static JsonNode awaitEnded(JarApi api, String jobId) {
        return api.awaitJob(jobId, job -> !job.path("outcome").isNull() && !job.path("outcome").isMissingNode(),
                "to end");
    }

    @Test
    void aQueuedRunStartsWhenTheActiveOneEndsAndACancelledQueuedJobNeverStarts() {
        JarApi api = testbed.api(testbed.start(environment()));
        String active = api.accepted("{\"pipeline\": \"dbt\"}");
        api.awaitOutput(active, "started");

        Answer first = api.trigger(QUEUE_DBT);
        Answer second = api.trigger(QUEUE_DBT);
        Answer rejected = api.trigger("{\"pipeline\": \"dbt\"}");
        Answer attached = api.trigger("{\"pipeline\": \"dbt\", \"onBusy\": \"attach\"}");
        Answer notAttached = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"test\", \"onBusy\": \"attach\"}");
        Answer cancelled = api.cancel(second.jobId());

        assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
        assertThat(first.body().path("status").asText()).isEqualTo("queued");
        assertThat(first.body().path("outcome").isNull()).isTrue();
        assertThat(first.body().path("queuePosition").asInt()).isEqualTo(1);
        assertThat(second.body().path("queuePosition").asInt()).isEqualTo(2);
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(attached.status()).as("%s", attached.body()).isEqualTo(200);
        assertThat(attached.jobId()).isEqualTo(active);
        assertThat(notAttached.status()).isEqualTo(409);
        assertThat(notAttached.body().path("runningJobId").asText()).isEqualTo(active);
        assertThat(api.job(first.jobId()).body().path("queuePosition").asInt()).isEqualTo(1);
        assertThat(cancelled.body().path("status").asText()).as("%s", cancelled.body()).isEqualTo("cancelled");
        assertThat(api.job(first.jobId()).body().path("status").asText()).isEqualTo("queued");

        release();
        JsonNode firstDone = awaitEnded(api, first.jobId());

        assertThat(awaitEnded(api, active).path("outcome").asText()).isEqualTo("succeeded");
        assertThat(firstDone.path("outcome").asText()).as("%s", firstDone).isEqualTo("succeeded");
        assertThat(firstDone.path("output").asText()).contains("started");
        assertThat(api.job(second.jobId()).body().path("startedAt").isNull()).isTrue();
        assertThat(firstDone.has("queuePosition")).isFalse();
        assertThat(starts()).containsExactly(active, first.jobId());
    }

    @Test
    void theQueueSurvivesAKillAndItsHeadStartsAfterTheRestart() {
        Map<String, String> environment = environment();
        JarServer server = testbed.start(environment);
        JarApi api = testbed.api(server);
        String active = api.accepted("{\"pipeline\": \"dbt\"}");
        api.awaitOutput(active, "started");
        Answer queued = api.trigger(QUEUE_DBT);
        assertThat(queued.body().path("status").asText()).as("%s", queued.body()).isEqualTo("queued");

        server.kill();
        release();
        JarApi restarted = testbed.api(testbed.start(environment));
        JsonNode done = awaitEnded(restarted, queued.jobId());

        assertThat(restarted.job(active).body().path("outcome").asText()).isEqualTo("failed"); // a process step dies with its server
        assertThat(done.path("outcome").asText()).as("%s", done).isEqualTo("succeeded");
        assertThat(starts()).containsExactly(active, queued.jobId());
    }

    @Test
    void aHundredParallelQueueTriggersGiveOneRunTenQueuedAndEightyNineQueueFull() throws Exception {
        JarApi api = testbed.api(testbed.start(environment()));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Callable<Answer>> triggers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                triggers.add(() -> api.trigger(QUEUE_DBT));
            }
            for (Future<Answer> answer : pool.invokeAll(triggers)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers.stream().filter(a -> a.body().path("status").asText().equals("running")).count())
                .as("running").isEqualTo(1);
        assertThat(answers.stream().filter(a -> a.body().path("status").asText().equals("queued")).count())
                .as("queued").isEqualTo(10);
        List<Answer> full = answers.stream().filter(a -> a.status() == 409).toList();
        assertThat(full).as("409").hasSize(89);
        assertThat(full).allSatisfy(a -> assertThat(a.body().path("error").asText()).startsWith("The queue is full"));
        release();
    }
}
