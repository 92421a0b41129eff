package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.RunnerChoice;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.docker.DockerContainerRunner;
import io.pipelinetrigger.kubernetes.KubernetesContainerRunner;
import io.pipelinetrigger.process.ProcessContainerRunner;

/**
 * The one place that turns the configured runner into a {@link ContainerRunner}. Every value was checked when
 * the configuration was read, so nothing here can refuse one.
 */
final class RunnerFactory {

    private RunnerFactory() {
    }

    static ContainerRunner create(RunnerChoice runner) {
        if (runner instanceof RunnerChoice.Process process) {
            return new ProcessContainerRunner(process.steps());
        }
        if (runner instanceof RunnerChoice.Docker docker) {
            return DockerContainerRunner.create(docker.config());
        }
        if (runner instanceof RunnerChoice.Kubernetes kubernetes) {
            return KubernetesContainerRunner.create(kubernetes.config());
        }
        if (runner instanceof RunnerChoice.Unconfigured unconfigured) {
            return new UnconfiguredRunner(unconfigured.whatEnablingNeeds());
        }
        throw new IllegalStateException("no runner for " + runner.name());
    }
}
