package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the API refuses is the step's fault, with the API's words; an API that does not answer is the runner's. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesRefusalsTest {

    private static final StepSpec SPEC = new StepSpec(JobId.of("dbt-1710460800000-refuse"), StepName.DBT, Map.of(), List.of());

    @Test
    void a_job_the_service_account_may_not_create_fails_the_launch_naming_the_missing_right() {
        try (MockCluster cluster = new MockCluster();
             KubernetesContainerRunner runner = new KubernetesContainerRunner(
                     TestConfigs.running(StepName.DBT, "exit 0", "busybox:1.36").build(), cluster.client())) {
            cluster.refuse("POST", "/apis/batch/v1/namespaces/pipelines/jobs", 403);

            assertThatThrownBy(() -> runner.start(SPEC, chunk -> { }, name -> true))
                    .isInstanceOf(StepLaunchException.class)
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("cannot create resource \"jobs\" in API group \"batch\"")
                    .hasMessageEndingWith("The server's service account lacks a permission; see docs/kubernetes.md, \"RBAC\".");
        }
    }

    @Test
    void an_api_server_that_does_not_answer_makes_the_runner_unavailable_not_the_step_failed() {
        var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withNamespace("pipelines")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build();
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(
                TestConfigs.running(StepName.DBT, "exit 0", "busybox:1.36").build(), new KubernetesClientBuilder().withConfig(config).build())) {

            assertThatThrownBy(runner::checkReachable).isInstanceOf(RunnerUnavailableException.class)
                    .hasMessageStartingWith("The Kubernetes API could not be reached to tell its version");
            assertThatThrownBy(() -> runner.start(SPEC, chunk -> { }, name -> true)).isInstanceOf(RunnerUnavailableException.class);
            assertThatThrownBy(runner::findConflictingRun).isInstanceOf(RunnerUnavailableException.class);
            assertThat(runner.removeLeftovers(java.util.Set.of(), java.time.Duration.ZERO)).as("logged, nothing removed").isZero();
        }
    }
}
