package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE and {@code timeoutSeconds} through the jar on the real engine: a step that ignores its stop signal is
 * killed once the stop grace ({@code PIPELINE_STOP_GRACE=PT2S}) has passed, and its container is removed.
 */
@ExtendWith(DockerEngineAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerCancelAndTimeoutIT {

    /** "run" just takes long; anything else also ignores SIGINT and SIGTERM, as a stubborn dbt wrapper might. */
    private static final String DBT_SCRIPT = "case $0 in run) echo \"running long\"; sleep 60;;"
            + " *) trap \"\" INT TERM; echo \"ignoring INT and TERM\"; sleep 60;; esac";

    private final JarTestbed testbed = JarTestbed.withDocker();
    private JarApi api;

    @BeforeAll
    void startTheServer() {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell(DBT_SCRIPT));
        environment.put("PIPELINE_STOP_GRACE", "PT2S");
        api = testbed.api(testbed.start(environment));
    }

    @AfterAll
    void stopItAndRemoveEveryContainer() {
        testbed.close();
    }

    @Test
    void cancellingAStepThatIgnoresItsStopSignalKillsItAfterTheGraceAndEndsTheJobCancelled() {
        Instant since = Instant.now();
        String jobId = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"daily\"}");
        api.awaitOutput(jobId, "ignoring INT and TERM");

        Answer cancel = api.cancel(jobId);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.jobId()).isEqualTo(jobId);
        JsonNode done = api.awaitFinished(jobId);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("cancelled");
        assertThat(done.path("success").asBoolean()).isFalse();
        assertThat(done.path("error").asText()).isEqualTo("The job was cancelled on request.");
        assertThat(done.path("steps").findValuesAsText("status")).containsExactly("cancelled");
        assertThat(DockerCli.containersLeftOfJob(jobId)).as("its container is removed").isEmpty();
        assertThat(killSignalsSent(jobId, since)).as("SIGINT first (ignored), SIGKILL after the grace")
                .containsSubsequence("2", "9");
        assertThat(api.cancel(jobId).body().path("status").asText()).as("a second cancel changes nothing")
                .isEqualTo("cancelled");
    }

    @Test
    void aStepRunningLongerThanTimeoutSecondsIsStoppedAndItsJobFailsSayingSo() {
        String jobId = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"run\", \"timeoutSeconds\": 2}");

        JsonNode done = api.awaitFinished(jobId);

        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("failed");
        assertThat(done.path("success").asBoolean()).isFalse();
        assertThat(done.path("timeoutSeconds").asInt()).isEqualTo(2);
        assertThat(done.path("error").asText()).contains("timed out after 2s");
        assertThat(done.path("output").asText()).contains("running long");
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
        Answer tooLate = api.cancel(jobId);
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.body().path("error").asText()).contains("already finished");
    }

    @Test
    void cancellingAJobNobodyKnowsIs404() {
        assertThat(api.cancel("dbt-1710460800000-abc123").status()).isEqualTo(404);
    }

    /** The signals the engine sent the job's container, in order ("2" = SIGINT, "9" = SIGKILL). */
    private static List<String> killSignalsSent(String jobId, Instant since) {
        return DockerCli.eventsOfJob(jobId, since, "kill", "{{.Actor.Attributes.signal}}");
    }
}
