package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-java's default configuration reads system properties and {@code ~/.docker-java.properties}; a stray
 * {@code api.version} there would pin a version the engine refuses. The runner reads only what it is given.
 */
@DockerEngineTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmbientConfigurationIT {

    private static final JobId JOB = JobId.of("dbt-1700000000006-ambien");

    private final DockerRunners runners = new DockerRunners();

    @BeforeEach
    void strayDockerJavaSettings() {
        System.setProperty("api.version", "1.99");
        System.setProperty("DOCKER_HOST", "unix:///nowhere/docker.sock");
    }

    @AfterEach
    void cleanUp() {
        System.clearProperty("api.version");
        System.clearProperty("DOCKER_HOST");
        runners.close();
        TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value());
    }

    @Test
    void stray_docker_java_settings_do_not_change_which_engine_or_api_version_the_runner_uses() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo fine");

        assertThat(runner.engineVersion()).isPresent();
        assertThat(StepRun.of(runner, StepRun.spec(JOB, StepName.DBT)).outcome()).isEqualTo(new StepOutcome.Exited(0));
    }
}
