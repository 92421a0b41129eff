package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that retries its trigger with the same Idempotency-Key gets the first job back, also from a server
 * that was killed and started again in between: the key is kept with the job, not in memory.
 */
@ExtendWith(DockerEngineAvailable.class)
class DurabilityIdempotencyIT {

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void retriesWithTheSameKeyGetTheSameJobBeforeAndAfterAKillAndRestartAndNeverASecondRun() {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = RestartReattachIT.dbtRunning(testbed.newDataDir(), gate, "exit 0");
        String key = "nightly-" + UUID.randomUUID();
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);

        Answer original = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"daily\"}", key);
        Answer retry = api.trigger("{\"command\":\"daily\",\"pipeline\":\"dbt\"}", key);

        assertThat(original.status()).as("%s", original.body()).isEqualTo(202);
        String jobId = original.jobId();
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.jobId()).isEqualTo(jobId);
        api.awaitOutput(jobId, "before");
        first.kill();

        JarApi restarted = testbed.api(testbed.start(environment));
        Answer retryAfterRestart = restarted.trigger("{\"pipeline\": \"dbt\", \"command\": \"daily\"}", key);
        assertThat(retryAfterRestart.status()).as("%s", retryAfterRestart.body()).isEqualTo(202);
        assertThat(retryAfterRestart.jobId()).isEqualTo(jobId);
        gate.open();
        JsonNode done = restarted.awaitFinished(jobId);
        RestartReattachIT.assertCompletedOnce(done, 0);
        Answer retryWhenDone = restarted.trigger("{\"pipeline\": \"dbt\", \"command\": \"daily\"}", key);
        assertThat(retryWhenDone.status()).isEqualTo(202);
        assertThat(retryWhenDone.jobId()).isEqualTo(jobId);
        assertThat(retryWhenDone.body().path("status").asText()).isEqualTo("completed");
        assertThat(DockerCli.containersCreatedFor(jobId, since)).as("containers ever created for the job").isEqualTo(1);

        Answer otherRequest = restarted.trigger("{\"pipeline\": \"full\"}", key);
        assertThat(otherRequest.status()).as("%s", otherRequest.body()).isEqualTo(422);
        assertThat(restarted.trigger("{\"pipeline\": \"full\"}").status()).as("nothing was started by the 422")
                .isEqualTo(202);
    }
}
