package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A step image the engine does not have: the job fails with the engine's own reason, nothing is pulled. */
@ExtendWith(DockerEngineAvailable.class)
class DockerMissingImageIT {

    private static final String MISSING_IMAGE = "pipeline-trigger-test/no-such-image:404";

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void aMissingDbtImageFailsTheJobAfterTheIngesterWithTheEnginesReasonInOutputAndError() {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(DockerSeedExamplesIT.INGESTER_SCRIPT));
        environment.put("PIPELINE_DBT_IMAGE", MISSING_IMAGE);
        JarServer server = testbed.start(environment);
        JarApi api = testbed.api(server);
        assertThat(server.log()).contains("Image " + MISSING_IMAGE + " of step dbt is not on the Docker engine");

        String jobId = api.accepted("{\"pipeline\": \"full\", \"command\": \"daily\"}");
        JsonNode done = api.awaitFinished(jobId);

        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("failed");
        assertThat(done.path("success").asBoolean()).isFalse();
        assertThat(done.path("exitCode").asInt()).isEqualTo(-1);
        String error = done.path("error").asText();
        assertThat(error).contains(MISSING_IMAGE, "No such image");
        assertThat(done.path("output").asText()).contains("ingester says").endsWith("pipeline-trigger: " + error + "\n");
        assertThat(done.path("steps").findValuesAsText("status")).containsExactly("completed", "failed");
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
    }
}
