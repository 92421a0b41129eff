package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The health checks of a runner whose engine answers: reachable, the step images, the network. */
@DockerEngineTest
class DockerHealthIT {

    private final DockerRunners runners = new DockerRunners();

    @AfterEach
    void closeRunners() {
        runners.close();
    }

    @Test
    void a_runner_whose_engine_answers_is_reachable() {
        DockerContainerRunner runner = runners.running(StepName.DBT, "true");

        assertThatCode(runner::checkReachable).doesNotThrowAnyException();
    }

    @Test
    void images_on_the_engine_and_no_network_configured_pass() {
        DockerContainerRunner runner = runners.running(StepName.DBT, "true");

        assertThatCode(runner::checkImages).doesNotThrowAnyException();
        assertThatCode(runner::checkNetwork).doesNotThrowAnyException();
    }

    @Test
    void a_step_image_missing_from_the_engine_is_named() {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.INGESTER, DockerStepConfig.of(TestEngine.IMAGE))
                .step(StepName.DBT, DockerStepConfig.of("pipeline-trigger-test/never-built:0")));

        assertThatThrownBy(runner::checkImages).isInstanceOf(StepLaunchException.class)
                .hasMessage("Not on the Docker engine: pipeline-trigger-test/never-built:0 (step dbt); pull or build it there.");
    }

    @Test
    void a_configured_network_missing_from_the_engine_is_named() {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE)).network("pipeline-trigger-test-no-such-network"));

        assertThatThrownBy(runner::checkNetwork).isInstanceOf(StepLaunchException.class)
                .hasMessageContaining("Network pipeline-trigger-test-no-such-network (PIPELINE_DOCKER_NETWORK)");
    }

    @Test
    void the_engines_own_network_passes() {
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE)).network("bridge"));

        assertThatCode(runner::checkNetwork).doesNotThrowAnyException();
    }
}
