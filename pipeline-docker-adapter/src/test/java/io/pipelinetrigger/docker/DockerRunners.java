package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;

import java.util.ArrayList;
import java.util.List;

/** Runners made by a test, closed after it. */
final class DockerRunners implements AutoCloseable {

    private final List<DockerContainerRunner> made = new ArrayList<>();

    /** A runner whose {@code step} runs {@code sh -c script} (then the spec's arguments) in the test image. */
    DockerContainerRunner running(StepName step, String script) {
        return with(DockerRunnerConfig.builder().step(step, shellStep(script)));
    }

    static DockerStepConfig shellStep(String script) {
        return DockerStepConfig.of(TestEngine.IMAGE).withCommand(List.of("sh", "-c", script));
    }

    /** A runner on the test engine and this test run's instance, with everything else from {@code config}. */
    DockerContainerRunner with(DockerRunnerConfig.Builder config) {
        return exactly(config.dockerHost(TestEngine.dockerHost()).instance(TestEngine.INSTANCE).build());
    }

    /** A runner on exactly this configuration (its own engine address included). */
    DockerContainerRunner exactly(DockerRunnerConfig config) {
        DockerContainerRunner runner = DockerContainerRunner.create(config);
        made.add(runner);
        return runner;
    }

    @Override
    public void close() {
        made.forEach(DockerContainerRunner::close);
        made.clear();
    }
}
