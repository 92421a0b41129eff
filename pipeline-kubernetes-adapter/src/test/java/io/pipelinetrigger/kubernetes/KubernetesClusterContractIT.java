package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.ContainerRunnerContract;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;


/**
 * The same runner contract against a real cluster, when {@code PIPELINE_IT_KUBECONFIG} names a kubeconfig
 * (docs/kubernetes.md, "Running the contract against a real cluster"); skipped otherwise, also under CI, since no
 * cluster runs on these machines. Steps run in {@code PIPELINE_IT_KUBERNETES_NAMESPACE} (default {@code default})
 * on {@code PIPELINE_IT_KUBERNETES_IMAGE} (default {@code busybox:1.36}), which must have {@code sh}.
 */
@ExtendWith(ClusterGiven.class)
class KubernetesClusterContractIT extends ContainerRunnerContract {

    private static final Optional<String> KUBECONFIG = ClusterGiven.kubeconfig();
    private static final String NAMESPACE = Optional.ofNullable(System.getenv("PIPELINE_IT_KUBERNETES_NAMESPACE"))
            .filter(value -> !value.isBlank()).orElse("default");
    private static final String IMAGE = Optional.ofNullable(System.getenv("PIPELINE_IT_KUBERNETES_IMAGE"))
            .filter(value -> !value.isBlank()).orElse("busybox:1.36");

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(new File(KUBECONFIG.get()))).build();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected ContainerRunner runnerRunning(StepName step, String shellScript) {
        return runner(step, shellScript, IMAGE);
    }

    @Override
    protected ContainerRunner runnerWithMissingProgram(StepName step) {
        return runner(step, "exit 0", "registry.invalid/pipeline-trigger/no-such-image:1");
    }

    @Override
    protected boolean tellsStderrApart() {
        return false;
    }

    @Override
    protected void assertNothingLeftOf(StepSpec spec) {
        TestConfigs.awaitNothingLeftOf(client, spec, NAMESPACE);
    }

    private ContainerRunner runner(StepName step, String shellScript, String image) {
        KubernetesRunnerConfig config = KubernetesRunnerConfig.builder().namespace(NAMESPACE)
                .step(step, KubernetesStepConfig.of(image).withCommand(List.of("sh", "-c", shellScript)))
                .pollInterval(Duration.ofMillis(500)).pendingLimit(Duration.ofSeconds(30)).stopGrace(Duration.ofSeconds(5))
                .build();
        return new KubernetesContainerRunner(config, new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(new File(KUBECONFIG.get()))).build());
    }
}
