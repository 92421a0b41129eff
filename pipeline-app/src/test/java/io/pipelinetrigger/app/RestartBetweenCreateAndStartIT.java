package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.jdbc.JdbcJobRepository;
import io.pipelinetrigger.jdbc.JdbcStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, "killed between create and start", through the jar: no timing can stop a server exactly there, so
 * the test lays out what such a kill leaves behind (the job saved {@code running} with its dbt step started,
 * the step's container created under its deterministic name and labels but never started, no output kept)
 * and starts the server on it. The server must adopt that container, start it and record its end, without
 * creating a second one.
 */
@ExtendWith(DockerEngineAvailable.class)
class RestartBetweenCreateAndStartIT {

    private final JarTestbed testbed = JarTestbed.withDocker();

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void aContainerCreatedButNeverStartedIsStartedAndFollowedByTheNextServer() {
        Instant since = Instant.now();
        Path dataDir = testbed.newDataDir();
        JobId id = JobId.of("dbt-" + System.currentTimeMillis() + "-cr8st0");
        Job leftRunning = Job.accepted(id, Jobs.aDbtSpec(), since).stepStarted(StepName.DBT, since);
        try (JdbcJobRepository store = JdbcJobRepository.open(JdbcStoreConfig.h2File(dataDir))) {
            assertThat(store.insertIfNoneActive(leftRunning)).isEmpty();
        }
        String container = RestartReattachIT.containerOf(id.value());
        testbed.removeAfterwards(container);
        DockerCli.ensureTestImage();
        DockerCli.ok("create", "--name", container, "--label", DockerCli.JOB_ID_LABEL + "=" + id,
                "--label", DockerCli.STEP_LABEL + "=dbt", "--label", DockerCli.INSTANCE_LABEL + "=" + JarTestbed.INSTANCE,
                DockerCli.TEST_IMAGE,
                "sh", "-c", "echo before; echo after; exit 4", "daily");
        assertThat(DockerCli.state(container)).contains("created");

        Map<String, String> environment = RestartReattachIT.dbtRunning(dataDir, testbed.newGate(), "exit 9");
        JarServer server = testbed.start(environment);
        JsonNode done = testbed.api(server).awaitFinished(id.value());

        RestartReattachIT.assertCompletedOnce(done, 4); // the created container's own end, not the config's
        assertThat(DockerCli.containersCreatedFor(id.value(), since)).as("containers ever created for the job").isEqualTo(1);
        assertThat(DockerCli.containersLeftOfJob(id.value())).as("removed once its end was recorded").isEmpty();
    }
}
