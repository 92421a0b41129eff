package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ends only a cluster has: out of memory, an image that cannot be pulled, no node, the Job's deadline, a TTL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesStepEndsTest {

    private static final StepSpec SPEC = new StepSpec(JobId.of("dbt-1710460800000-ends01"), StepName.DBT, Map.of(), List.of());

    private final MockCluster cluster = new MockCluster();
    private final List<LogChunk> chunks = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void a_container_killed_for_memory_fails_the_step_saying_so_with_its_limit() throws Exception {
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "echo allocating; sleep 30", "acme/oom:1").build();
        KubernetesRunnerConfig limited = KubernetesRunnerConfig.builder().namespace("pipelines").pollInterval(Duration.ofMillis(50))
                .step(StepName.DBT, config.step(StepName.DBT).orElseThrow().withLimits(Map.of("memory", "256Mi"))).build();

        StepOutcome outcome = run(limited);

        assertThat(outcome).isEqualTo(new StepOutcome.Failed(
                "Step dbt was killed because it ran out of memory (limit 256Mi), exit code 137.", OptionalInt.of(137)));
    }

    @Test
    void an_image_that_cannot_be_pulled_fails_the_step_after_the_pending_limit_instead_of_running_forever() throws Exception {
        StepOutcome outcome = run(TestConfigs.running(StepName.DBT, "exit 0", "registry.invalid/missing:1").build());

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.reason())
                .isEqualTo("The image registry.invalid/missing:1 of step dbt could not be pulled (ImagePullBackOff): Back-off"
                        + " pulling image \"registry.invalid/missing:1\". (waited 1 s)"));
    }

    @Test
    void a_pod_no_node_can_take_fails_the_step_with_the_schedulers_words() throws Exception {
        StepOutcome outcome = run(TestConfigs.running(StepName.DBT, "exit 0", "busybox:1.36")
                .nodeSelector(FakeKubelet.UNSCHEDULABLE, "yes").build());

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("No node can run the pod of step dbt: 0/3 nodes are available"));
    }

    @Test
    void a_step_past_its_jobs_active_deadline_is_stopped_by_the_cluster_and_fails_saying_so() throws Exception {
        StepOutcome outcome = run(TestConfigs.running(StepName.DBT, "echo started; sleep 60", "busybox:1.36")
                .activeDeadline(Duration.ofSeconds(1)).stopGrace(Duration.ofSeconds(1)).build());

        assertThat(outcome).isNotEqualTo(new StepOutcome.Exited(0));
        assertThat(text()).isEqualTo("started\n");
    }

    @Test
    void configmaps_and_secrets_reach_the_step_by_reference_and_core_decides_over_the_env_file() throws Exception {
        var client = cluster.adminClient();
        client.configMaps().inNamespace("pipelines").resource(new ConfigMapBuilder().withNewMetadata().withName("dbt-settings")
                .endMetadata().withData(Map.of("DBT_TARGET", "prod")).build()).create();
        client.secrets().inNamespace("pipelines").resource(new SecretBuilder().withNewMetadata().withName("warehouse")
                .endMetadata().withData(Map.of("DBT_PASSWORD", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))))
                .build()).create();
        KubernetesRunnerConfig base = TestConfigs.running(StepName.DBT,
                "echo \"$DBT_TARGET $DBT_PASSWORD $PIPELINE_STEP\"", "busybox:1.36").build();
        KubernetesStepConfig step = base.step(StepName.DBT).orElseThrow().withConfigMaps(List.of("dbt-settings"))
                .withSecrets(List.of("warehouse")).withEnvironment(Map.of("PIPELINE_STEP", "from-env-file"));
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "", "busybox:1.36").step(StepName.DBT, step).build();
        StepSpec spec = new StepSpec(SPEC.jobId(), StepName.DBT, Map.of("PIPELINE_STEP", "dbt"), List.of());

        StepOutcome outcome = run(config, spec);

        assertThat(outcome).isEqualTo(new StepOutcome.Exited(0));
        assertThat(text()).isEqualTo("prod s3cret dbt\n");
        assertThat(cluster.requests()).noneMatch(r -> r.path().contains("/secrets") || r.path().contains("/configmaps"));
    }

    @Test
    void with_a_ttl_the_finished_job_is_left_for_kubernetes_to_delete() throws Exception {
        run(TestConfigs.running(StepName.DBT, "exit 0", "busybox:1.36").ttlAfterFinished(Duration.ofSeconds(600)).build());

        Job left = cluster.adminClient().batch().v1().jobs().inNamespace("pipelines")
                .withName(KubernetesNames.jobName(SPEC, "default")).get();
        assertThat(left).isNotNull();
        assertThat(left.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    }

    @Test
    void a_job_that_finished_while_the_server_was_away_is_recorded_from_its_pods_state_and_log() throws Exception {
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "echo done-meanwhile; exit 5", "busybox:1.36").build();
        List<String> saved = new CopyOnWriteArrayList<>();
        try (KubernetesContainerRunner before = new KubernetesContainerRunner(config, cluster.client())) {
            RunningStep step = before.start(SPEC, chunk -> { }, saved::add).orElseThrow();
            step.detach();
            step.close();
        }
        TestConfigs.awaitJobFinished(cluster.adminClient(), saved.get(0));

        try (KubernetesContainerRunner after = new KubernetesContainerRunner(config, cluster.client())) {
            RecoveredStep found = after.recover(SPEC, Optional.of(saved.get(0)), chunks::add);
            assertThat(found).isInstanceOf(RecoveredStep.Reattached.class);
            try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
                assertThat(again.awaitExit()).isEqualTo(new StepOutcome.Exited(5));
            }
        }
        assertThat(text()).isEqualTo("done-meanwhile\n");
    }

    private StepOutcome run(KubernetesRunnerConfig config) throws InterruptedException {
        return run(config, SPEC);
    }

    private StepOutcome run(KubernetesRunnerConfig config, StepSpec spec) throws InterruptedException {
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client());
             RunningStep step = runner.start(spec, chunks::add, name -> true).orElseThrow()) {
            return step.awaitExit();
        }
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.stream() == LogStream.STDOUT)
                .forEach(c -> text.append(new String(c.bytes(), StandardCharsets.UTF_8)));
        return text.toString();
    }
}
