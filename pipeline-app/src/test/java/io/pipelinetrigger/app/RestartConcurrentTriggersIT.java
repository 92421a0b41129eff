package io.pipelinetrigger.app;

import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Right after a restart on the same data directory, a burst of triggers still starts exactly one run. */
@ExtendWith(DockerEngineAvailable.class)
class RestartConcurrentTriggersIT {

    private static final int TRIGGERS = 50;
    private static final String DBT = "{\"pipeline\": \"dbt\", \"command\": \"daily\"}";

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void fiftyParallelTriggersRightAfterARestartGetExactlyOne202AndFortyNine409s() throws Exception {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt started; sleep 30"));
        JarServer first = testbed.start(environment);
        JarApi before = testbed.api(first);
        assertThat(before.awaitFinished(before.accepted("{\"pipeline\": \"ingester\"}")).path("status").asText())
                .isEqualTo("completed");
        first.terminate();
        first.awaitExit(Duration.ofSeconds(30));

        JarApi api = testbed.api(testbed.start(environment));
        List<Answer> answers = triggerAllAtOnce(api);

        List<Answer> accepted = answers.stream().filter(answer -> answer.status() == 202).toList();
        assertThat(accepted).as("202 answers among %s", answers).hasSize(1);
        String jobId = accepted.get(0).jobId();
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(TRIGGERS - 1)
                .allSatisfy(busy -> assertThat(busy.body().path("runningJobId").asText()).isEqualTo(jobId));
        api.awaitOutput(jobId, "dbt started");
        assertThat(api.cancel(jobId).status()).isEqualTo(202);
        assertThat(api.awaitFinished(jobId).path("status").asText()).isEqualTo("cancelled");
    }

    private static List<Answer> triggerAllAtOnce(JarApi api) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(TRIGGERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < TRIGGERS; i++) {
                pending.add(threads.submit(() -> {
                    go.await();
                    return api.trigger(DBT);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
