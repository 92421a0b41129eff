package io.pipelinetrigger.app;

import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one engine (docs/docker.md, "Two servers on one engine"): by default their instances leave each
 * other alone; a conflict label naming the other instance makes its steps a 409 that names the container and
 * carries no job id this server could answer for.
 */
@ExtendWith(DockerEngineAvailable.class)
class DockerTwoInstancesIT {

    private static final String OTHER = JarTestbed.INSTANCE + "-b";

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void removeEverything() {
        testbed.close();
    }

    @Test
    void anotherInstancesRunningStepBlocksATriggerOnlyWhenItsInstanceIsAConflictLabel() {
        DockerStepGate gate = testbed.newGate();
        Map<String, String> first = dbtWaitingFor(gate);
        first.put("PIPELINE_INSTANCE", OTHER);
        JarApi other = testbed.api(testbed.start(first));
        String otherJob = other.accepted("{\"pipeline\": \"dbt\"}");
        other.awaitOutput(otherJob, "waiting");
        String otherContainer = "pipeline-" + OTHER + ".dbt-" + otherJob;
        assertThat(DockerCli.state(otherContainer)).contains("running");

        JarApi apart = testbed.api(testbed.start(dbtWaitingFor(testbed.newGate())));
        Map<String, String> watching = dbtWaitingFor(testbed.newGate());
        watching.put("PIPELINE_DOCKER_CONFLICT_LABELS", DockerCli.INSTANCE_LABEL + "=" + OTHER);
        Answer busy = testbed.api(testbed.start(watching)).trigger("{\"pipeline\": \"dbt\"}");

        assertThat(busy.status()).as("%s", busy.body()).isEqualTo(409);
        assertThat(busy.body().has("runningJobId")).as("a job of the other server's store").isFalse();
        assertThat(busy.body().path("error").asText()).contains(otherContainer);
        Answer accepted = apart.trigger("{\"pipeline\": \"dbt\"}");
        assertThat(accepted.status()).as("the instances leave each other alone: %s", accepted.body()).isEqualTo(202);
        apart.cancel(accepted.jobId());
        gate.open();
        assertThat(other.awaitFinished(otherJob).path("status").asText()).isEqualTo("completed");
    }

    private Map<String, String> dbtWaitingFor(DockerStepGate gate) {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo waiting; " + DockerStepGate.AWAIT));
        environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
        return environment;
    }
}
