package io.pipelinetrigger.kubernetes;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.ContainerRunnerContract;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner contract against fabric8's API server mock (CRUD mode), with {@link FakeKubelet} playing the cluster's
 * controllers and kubelet: the runner's real requests, answered as a cluster would answer them. A fresh cluster
 * per test, since every test of the contract uses the same job id.
 */
class KubernetesContainerRunnerTest extends ContainerRunnerContract {

    private MockCluster cluster;
    private final List<KubernetesContainerRunner> runners = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stopCluster() {
        runners.forEach(KubernetesContainerRunner::close);
        cluster.close();
    }

    @Override
    protected ContainerRunner runnerRunning(StepName step, String shellScript) {
        return runner(TestConfigs.running(step, shellScript, "busybox:1.36").build());
    }

    @Override
    protected ContainerRunner runnerWithMissingProgram(StepName step) {
        return runner(TestConfigs.running(step, "exit 0", "registry.invalid/missing:1").build());
    }

    @Override
    protected boolean tellsStderrApart() {
        return false;
    }

    @Override
    protected void assertNothingLeftOf(StepSpec spec) {
        TestConfigs.awaitNothingLeftOf(cluster.adminClient(), spec);
    }

    private KubernetesContainerRunner runner(KubernetesRunnerConfig config) {
        KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client());
        runners.add(runner);
        return runner;
    }
}
