package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.JarApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 through the runnable jar on the real engine: the seed's example payloads run as containers of the
 * busybox test image, whose scripts print what they received, so the output shows the effective values.
 */
@ExtendWith(DockerEngineAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerSeedExamplesIT {

    static final String INGESTER_SCRIPT = "echo \"ingester says PIPELINE_STEP=$PIPELINE_STEP PIPELINE_JOB_ID=$PIPELINE_JOB_ID"
            + " DBT_COMMAND=${DBT_COMMAND:-unset}\"";
    /** The image decides what the command word means, as a real dbt image does: here "test" fails, "deps" waits. */
    static final String DBT_SCRIPT = "echo \"dbt says arg0=$0 DBT_COMMAND=$DBT_COMMAND ENABLE_OPENLINEAGE=$ENABLE_OPENLINEAGE"
            + " ENABLE_ELEMENTARY=$ENABLE_ELEMENTARY PIPELINE_STEP=$PIPELINE_STEP PIPELINE_JOB_ID=$PIPELINE_JOB_ID\";"
            + " case $0 in test) echo \"3 tests failed\" >&2; exit 3;; deps) echo \"deps waiting\"; " + DockerStepGate.AWAIT
            + ";; esac; echo \"dbt done\"";
    private static final String COMPOSE_SERVICE_LABEL = "com.docker.compose.service";

    private final JarTestbed testbed = JarTestbed.withDocker();
    private final DockerStepGate depsGate = testbed.newGate();
    private JarApi api;

    @BeforeAll
    void startTheServer() {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(INGESTER_SCRIPT));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell(DBT_SCRIPT));
        environment.put("PIPELINE_DBT_VOLUMES", depsGate.volume());
        environment.put("PIPELINE_DOCKER_CONFLICT_LABELS", COMPOSE_SERVICE_LABEL + "=dbt");
        api = testbed.api(testbed.start(environment));
    }

    @AfterAll
    void stopItAndRemoveEveryContainer() {
        testbed.close();
    }

    /** A payload of the seed's "Example Payloads" and what the dbt step must receive for it (null: no dbt step). */
    record Example(String payload, String pipeline, String command, Boolean openlineage, Boolean elementary) {
        @Override
        public String toString() {
            return payload;
        }
    }

    static Stream<Example> seedExamples() {
        return Stream.of(
                new Example("{\"pipeline\": \"ingester\"}", "ingester", null, null, null),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"daily\"}", "dbt", "daily", true, true),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"daily\", \"enableOpenlineage\": false}", "dbt", "daily", false, true),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"daily\", \"enableElementary\": false}", "dbt", "daily", true, false),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"daily\", \"enableOpenlineage\": false, \"enableElementary\": false}",
                        "dbt", "daily", false, false),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"daily\", \"enableOpenlineage\": true, \"enableElementary\": false}",
                        "dbt", "daily", true, false),
                new Example("{\"pipeline\": \"full\", \"command\": \"daily\"}", "full", "daily", true, true),
                new Example("{\"pipeline\": \"dbt\", \"command\": \"build\"}", "dbt", "build", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedExamples")
    void eachSeedExampleRunsItsContainersToACleanEndWithTheEffectiveValues(Example example) {
        Answer accepted = api.trigger(example.payload());
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        String jobId = accepted.jobId();

        JsonNode done = api.awaitFinished(jobId);

        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("success").asBoolean()).isTrue();
        assertThat(done.path("exitCode").asInt()).isZero();
        String output = done.path("output").asText();
        boolean runsIngester = !example.pipeline().equals("dbt");
        boolean runsDbt = example.command() != null;
        if (runsIngester) {
            assertThat(output).contains("ingester says PIPELINE_STEP=ingester PIPELINE_JOB_ID=" + jobId + " DBT_COMMAND=unset");
        } else {
            assertThat(output).doesNotContain("ingester says");
        }
        if (runsDbt) {
            assertThat(output).contains("dbt says arg0=" + example.command() + " DBT_COMMAND=" + example.command()
                    + " ENABLE_OPENLINEAGE=" + example.openlineage() + " ENABLE_ELEMENTARY=" + example.elementary()
                    + " PIPELINE_STEP=dbt PIPELINE_JOB_ID=" + jobId, "dbt done");
            assertThat(done.path("enableOpenlineage").asBoolean()).isEqualTo(example.openlineage());
            assertThat(done.path("enableElementary").asBoolean()).isEqualTo(example.elementary());
            assertThat(done.path("command").asText()).isEqualTo(example.command());
        } else {
            assertThat(output).doesNotContain("dbt says");
            assertThat(done.path("command").isNull()).isTrue();
        }
        List<String> stepNames = done.path("steps").findValuesAsText("name");
        assertThat(stepNames).containsExactly(runsIngester && runsDbt ? new String[] {"ingester", "dbt"}
                : runsIngester ? new String[] {"ingester"} : new String[] {"dbt"});
        assertThat(done.path("steps").findValuesAsText("status")).containsOnly("completed");
        assertThat(DockerCli.containersLeftOfJob(jobId)).as("the step containers are removed once recorded").isEmpty();
    }

    @Test
    void fullRunsTheIngesterContainerFirstThenTheDbtContainer() {
        String jobId = api.accepted("{\"pipeline\": \"full\", \"command\": \"daily\"}");

        JsonNode done = api.awaitFinished(jobId);

        String output = done.path("output").asText();
        assertThat(output.indexOf("ingester says")).isNotNegative().isLessThan(output.indexOf("dbt says"));
        JsonNode ingester = done.path("steps").get(0);
        JsonNode dbt = done.path("steps").get(1);
        assertThat(ingester.path("name").asText()).isEqualTo("ingester");
        assertThat(dbt.path("name").asText()).isEqualTo("dbt");
        // same ISO-8601 shape with three fraction digits, so the strings order as the instants do
        assertThat(ingester.path("finishedAt").asText()).isLessThanOrEqualTo(dbt.path("startedAt").asText());
    }

    @Test
    void aTriggerWhileAStepContainerRunsIsRefusedWith409NamingTheRunningJob() {
        String jobId = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"deps\"}");
        api.awaitOutput(jobId, "deps waiting");
        String container = JarTestbed.containerName("dbt", jobId);
        assertThat(DockerCli.state(container)).contains("running");
        assertThat(DockerCli.ok("inspect", "--format", "{{index .Config.Labels \"" + DockerCli.STEP_LABEL + "\"}}", container))
                .isEqualTo("dbt");

        Answer busy = api.trigger("{\"pipeline\": \"ingester\"}");

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body().path("success").asBoolean()).isFalse();
        assertThat(busy.body().path("runningJobId").asText()).isEqualTo(jobId);
        depsGate.open();
        JsonNode done = api.awaitFinished(jobId);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("output").asText()).contains("dbt done");
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
    }

    @Test
    void aComposeDbtContainerStartedOutsideTheServerAlsoCountsAsARunningPipeline() {
        String name = "pt-jar-it-compose-dbt-" + UUID.randomUUID().toString().substring(0, 8);
        testbed.removeAfterwards(name);
        DockerCli.ok("run", "-d", "--name", name, "--label", COMPOSE_SERVICE_LABEL + "=dbt", DockerCli.TEST_IMAGE, "sleep", "30");
        Answer busy;
        try {
            busy = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"daily\"}");
        } finally {
            DockerCli.run("rm", "-f", name);
        }

        assertThat(busy.status()).as("%s", busy.body()).isEqualTo(409);
        assertThat(busy.body().has("runningJobId")).as("no job of this server's: nothing to poll").isFalse();
        assertThat(busy.body().path("error").asText()).contains(name);
        String jobId = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"daily\"}"); // gone: accepted again
        assertThat(api.awaitFinished(jobId).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aStepExitingNonZeroCompletesTheJobWithThatExitCode() {
        String jobId = api.accepted("{\"pipeline\": \"dbt\", \"command\": \"test\"}");

        JsonNode done = api.awaitFinished(jobId);

        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("success").asBoolean()).isTrue();
        assertThat(done.path("exitCode").asInt()).isEqualTo(3);
        assertThat(done.path("error").isNull()).isTrue();
        assertThat(done.path("steps").get(0).path("exitCode").asInt()).isEqualTo(3);
        assertThat(done.path("output").asText()).contains("dbt says arg0=test", "3 tests failed");
    }
}
