package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 through the jar on the real engine: a Docker step outlives the server however the server ends, and
 * the next start on the same data directory reattaches to it and records its true end, output and exit code,
 * without ever starting the step a second time. Each step waits at a gate between "before" and "after", so
 * the test decides whether it is still running when the server goes and comes back.
 */
@ExtendWith(DockerEngineAvailable.class)
class RestartReattachIT {

    static final String DBT = "{\"pipeline\": \"dbt\", \"command\": \"daily\"}";

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void killedWithSigkillWhileTheContainerRunsTheNextStartReattachesAndRecordsItsEnd() {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = dbtRunning(testbed.newDataDir(), gate, "exit 5");
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted(DBT);
        api.awaitOutput(jobId, "before");

        first.kill();
        assertThat(DockerCli.state(containerOf(jobId))).as("the container outlives a killed server").contains("running");
        JarServer second = testbed.start(environment);
        awaitReattached(second, jobId);
        gate.open();
        JsonNode done = testbed.api(second).awaitFinished(jobId);

        assertCompletedOnce(done, 5);
        assertThat(DockerCli.containersCreatedFor(jobId, since)).as("containers ever created for the job").isEqualTo(1);
        assertThat(DockerCli.containersLeftOfJob(jobId)).as("removed once its end was recorded").isEmpty();
    }

    @Test
    void killedWhileTheContainerRanThenItExitedBeforeTheRestartTheNextStartRecordsItsExitCodeAndOutput() {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = dbtRunning(testbed.newDataDir(), gate, "exit 7");
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted(DBT);
        api.awaitOutput(jobId, "before");

        first.kill();
        gate.open();
        assertThat(DockerCli.waitForExit(containerOf(jobId))).isEqualTo(7); // a result no server has seen yet
        JarServer second = testbed.start(environment);
        JsonNode done = testbed.api(second).awaitFinished(jobId);

        assertCompletedOnce(done, 7);
        assertThat(DockerCli.containersCreatedFor(jobId, since)).isEqualTo(1);
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
    }

    @Test
    void sigtermLeavesTheContainerRunningAndTheNextStartReattachesAndRecordsTheTrueEnd() {
        Instant since = Instant.now();
        DockerStepGate gate = testbed.newGate();
        Map<String, String> environment = dbtRunning(testbed.newDataDir(), gate, "exit 6");
        JarServer first = testbed.start(environment);
        JarApi api = testbed.api(first);
        String jobId = api.accepted(DBT);
        api.awaitOutput(jobId, "before");

        first.terminate();

        assertThat(first.awaitExit(Duration.ofSeconds(30))).as("a graceful stop exits 0").isZero();
        assertThat(first.log()).contains("pipeline-trigger stopped").doesNotContain("job " + jobId + " failed");
        assertThat(DockerCli.state(containerOf(jobId))).as("a graceful stop leaves the container running").contains("running");
        JarServer second = testbed.start(environment);
        awaitReattached(second, jobId);
        gate.open();
        JsonNode done = testbed.api(second).awaitFinished(jobId);

        assertCompletedOnce(done, 6); // 6, not 130 or 137: nobody stopped it
        assertThat(DockerCli.containersCreatedFor(jobId, since)).isEqualTo(1);
        assertThat(DockerCli.containersLeftOfJob(jobId)).isEmpty();
    }

    /** The docker runner on {@code dataDir} whose dbt step prints "before", waits at the gate, prints "after", then {@code end}s. */
    static Map<String, String> dbtRunning(Path dataDir, DockerStepGate gate, String end) {
        Map<String, String> environment = JarTestbed.dockerEnvironment(dataDir);
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo before; " + DockerStepGate.AWAIT + "; echo after; " + end));
        environment.put("PIPELINE_DBT_VOLUMES", gate.volume());
        return environment;
    }

    static String containerOf(String jobId) {
        return JarTestbed.containerName("dbt", jobId);
    }

    /** Waits for the restarted server's word that it follows the job's container again. */
    static void awaitReattached(JarServer server, String jobId) {
        assertThat(server.awaitLine(Pattern.compile(Pattern.quote("job " + jobId + ": reattached to step dbt")), JarApi.JOB))
                .as("the restarted server reattaches to job %s; log:%n%s", jobId, server.log()).isPresent();
    }

    /** Completed with the step's own exit code, and its output whole: each line once, none lost, none doubled. */
    static void assertCompletedOnce(JsonNode done, int exitCode) {
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("success").asBoolean()).isTrue();
        assertThat(done.path("exitCode").asInt()).isEqualTo(exitCode);
        assertThat(done.path("steps").get(0).path("exitCode").asInt()).isEqualTo(exitCode);
        String output = done.path("output").asText();
        assertThat(occurrences(output, "before")).as("'before' in %s", output).isEqualTo(1);
        assertThat(occurrences(output, "after")).as("'after' in %s", output).isEqualTo(1);
        assertThat(output.indexOf("before")).isLessThan(output.indexOf("after"));
    }

    private static int occurrences(String text, String line) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(line) + "$").matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
