package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code onBusy: "queue"} through the jar on the real Docker engine (docs/api.md, "When the pipeline is busy"): a
 * queued run starts only once the active run's container has ended, in a container of its own, and ends as its
 * step says.
 */
@ExtendWith(DockerEngineAvailable.class)
class DockerQueueIT {

    /** {@code run} waits at the gate; any other command word just says so and exits. */
    private static final String DBT_SCRIPT = "case $0 in run) echo \"run waiting\"; " + DockerStepGate.AWAIT
            + "; echo \"run done\";; *) echo \"$0 ran after the queue\";; esac";

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void aQueuedRunStartsInItsOwnContainerOnceTheActiveRunsContainerHasEnded() {
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell(DBT_SCRIPT));
        environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
        JarApi api = testbed.api(testbed.start(environment));
        String active = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"run\"}");
        api.awaitOutput(active, "run waiting");

        Answer queued = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"test\", \"onBusy\": \"queue\"}");
        Answer rejected = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"test\"}");

        assertThat(queued.status()).as("%s", queued.body()).isEqualTo(202);
        assertThat(queued.body().path("status").asText()).isEqualTo("queued");
        assertThat(queued.body().path("queuePosition").asInt()).isEqualTo(1);
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.body().path("runningJobId").asText()).isEqualTo(active);
        assertThat(DockerCli.containersOfJob(queued.jobId())).as("no container while it waits").isEmpty();
        assertThat(api.job(queued.jobId()).body().path("status").asText()).isEqualTo("queued");

        gate.open();
        JsonNode activeDone = api.awaitJob(active, job -> !job.path("outcome").isNull(), "to end");
        JsonNode queuedDone = api.awaitJob(queued.jobId(), job -> !job.path("outcome").isNull()
                && !job.path("outcome").isMissingNode(), "to end");

        assertThat(activeDone.path("outcome").asText()).as("%s", activeDone).isEqualTo("succeeded");
        assertThat(activeDone.path("output").asText()).contains("run done");
        assertThat(queuedDone.path("outcome").asText()).as("%s", queuedDone).isEqualTo("succeeded");
        assertThat(queuedDone.path("output").asText()).contains("test ran after the queue");
        assertThat(Instant.parse(queuedDone.path("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(activeDone.path("finishedAt").asText()));
        assertThat(queuedDone.path("steps").get(0).path("exitCode").asInt()).isZero();
        assertThat(DockerCli.containersOfJob(active)).isEmpty();
        assertThat(DockerCli.containersOfJob(queued.jobId())).isEmpty();
    }
}
