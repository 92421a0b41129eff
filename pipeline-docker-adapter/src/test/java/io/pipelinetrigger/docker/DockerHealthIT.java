package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/** The health check of a runner whose engine answers. */
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
}
