package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process runner cannot reattach to a program started by a server that died: the next start still never
 * leaves its job {@code running}, it records it failed and says why.
 */
class RestartProcessRunnerIT {

    private final JarTestbed testbed = JarTestbed.withoutDocker();

    @AfterEach
    void cleanUp() {
        testbed.close(); // also ends the orphaned step the killed server left
    }

    @Test
    void aJobLeftRunningByAKilledServerEndsFailedAsInterruptedByARestart() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingesting; exec sleep 30"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt"));
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted("{\"pipeline\": \"full\"}");
        api.awaitOutput(jobId, "ingesting");

        first.kill();
        JarServer second = testbed.start(environment);
        JarApi restarted = testbed.api(second);
        JsonNode done = restarted.awaitFinished(jobId);

        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("failed");
        assertThat(done.path("success").asBoolean()).isFalse();
        assertThat(done.path("exitCode").asInt()).isEqualTo(-1);
        String error = done.path("error").asText();
        assertThat(error).contains("interrupted by a server restart");
        assertThat(done.path("output").asText()).startsWith("ingesting\n").endsWith("pipeline-trigger: " + error + "\n");
        assertThat(done.path("steps").findValuesAsText("status")).containsExactly("failed", "skipped");
        // and the server takes new work again
        assertThat(restarted.trigger("{\"pipeline\": \"dbt\"}").status()).isEqualTo(202);
    }
}
