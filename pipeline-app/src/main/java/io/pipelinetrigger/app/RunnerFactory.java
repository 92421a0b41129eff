package io.pipelinetrigger.app;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.docker.DockerContainerRunner;
import io.pipelinetrigger.docker.DockerRunnerConfig;
import io.pipelinetrigger.docker.DockerStepConfig;
import io.pipelinetrigger.process.ProcessContainerRunner;
import io.pipelinetrigger.process.ProcessStepConfig;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The one place that turns the configured runner into a {@link ContainerRunner}. */
final class RunnerFactory {

    private RunnerFactory() {
    }

    /** @throws ConfigException when the configured runner cannot be built */
    static ContainerRunner create(RunnerSettings settings) {
        if (settings instanceof ProcessRunnerSettings process) {
            return process(process);
        }
        if (settings instanceof DockerRunnerSettings docker) {
            return docker(docker);
        }
        throw new IllegalStateException("no runner for " + settings.name());
    }

    private static ContainerRunner process(ProcessRunnerSettings settings) {
        Map<StepName, ProcessStepConfig> steps = new EnumMap<>(StepName.class);
        for (StepName step : StepName.values()) {
            ProcessRunnerSettings.Step configured = settings.step(step);
            steps.put(step, new ProcessStepConfig(configured.command(), configured.environment(), Optional.empty()));
        }
        return new ProcessContainerRunner(steps);
    }

    private static ContainerRunner docker(DockerRunnerSettings settings) {
        DockerRunnerConfig.Builder config = DockerRunnerConfig.builder()
                .conflictLabels(settings.conflictLabels());
        settings.dockerHost().ifPresent(config::dockerHost);
        settings.network().ifPresent(config::network);
        for (StepName step : StepName.values()) {
            DockerRunnerSettings.Step configured = settings.step(step);
            config.step(step, new DockerStepConfig(configured.image(), configured.command(), configured.environment(),
                    configured.binds(), Optional.empty()));
        }
        try {
            return DockerContainerRunner.create(config.build());
        } catch (IllegalArgumentException wrongValue) {
            throw new ConfigException(wrongValue.getMessage());
        }
    }
}
