package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.AppConfigTest;
import io.pipelinetrigger.app.config.RunnerChoice;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.docker.DockerContainerRunner;
import io.pipelinetrigger.process.ProcessContainerRunner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerFactoryTest {

    @Test
    void theDockerRunnerIsBuiltEvenWhenTheEngineDoesNotAnswerAndThenRefusesTriggersWithAReason() {
        // nothing listens on port 1: the server must still start, and say why triggers cannot run
        RunnerChoice settings = AppConfig.fromEnvironment(Map.of("PIPELINE_RUNNER", "docker",
                "PIPELINE_INGESTER_IMAGE", "ghcr.io/acme/ingester:1.4", "PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1.8",
                "DOCKER_HOST", "tcp://127.0.0.1:1")).runner();

        ContainerRunner runner = RunnerFactory.create(settings);

        assertThat(runner).isInstanceOf(DockerContainerRunner.class);
        assertThatThrownBy(runner::findConflictingRun).isInstanceOf(RunnerUnavailableException.class)
                .hasMessageContaining("tcp://127.0.0.1:1");
        ((DockerContainerRunner) runner).close();
    }

    @Test
    void theProcessRunnerIsBuiltFromTheStepCommands() {
        ContainerRunner runner = RunnerFactory.create(AppConfigTest.config().runner());

        assertThat(runner).isInstanceOf(ProcessContainerRunner.class);
    }
}
