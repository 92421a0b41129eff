package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.ContainerRunnerContract;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every runner keeps, against the real engine: each step is a busybox container. Steps outlive the
 * runner here, so the contract's reattach test runs for real: start, detach, a new runner recovers the container by
 * its saved id and gets its whole output and real exit code.
 */
@DockerEngineTest
class DockerContainerRunnerIT extends ContainerRunnerContract {

    private final List<DockerContainerRunner> runners = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void noContainerOfTheContractJobIsLeft() {
        TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB_ID.value());
    }

    @AfterEach
    void closeRunners() {
        runners.forEach(DockerContainerRunner::close);
    }

    @Override
    protected ContainerRunner runnerRunning(StepName step, String shellScript) {
        return runnerWith(step, DockerStepConfig.of(TestEngine.IMAGE).withCommand(List.of("sh", "-c", shellScript)));
    }

    @Override
    protected ContainerRunner runnerWithMissingProgram(StepName step) {
        return runnerWith(step, DockerStepConfig.of(TestEngine.IMAGE).withCommand(List.of("/no/such/program")));
    }

    /** Declined, failed or closed: no container of the step's job is left on the engine. */
    @Override
    protected void assertNothingLeftOf(StepSpec spec) {
        assertThat(TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + spec.jobId().value())).isEmpty();
    }

    private ContainerRunner runnerWith(StepName step, DockerStepConfig stepConfig) {
        DockerContainerRunner runner = DockerContainerRunner.create(DockerRunnerConfig.builder()
                .dockerHost(TestEngine.dockerHost())
                .instance(TestEngine.INSTANCE)
                .step(step, stepConfig)
                .build());
        runners.add(runner);
        return runner;
    }
}
