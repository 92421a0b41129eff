package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Job a step becomes, decided before the cluster is asked anything. */
class JobPlanTest {

    private static final StepSpec DBT = new StepSpec(JobId.of("dbt-1710460800000-abc123"), StepName.DBT,
            Map.of("PIPELINE_JOB_ID", "dbt-1710460800000-abc123", "PIPELINE_STEP", "dbt", "DBT_COMMAND", "daily"),
            List.of("daily"));

    @Test
    void the_job_is_suspended_never_retried_labelled_and_carries_what_the_operator_configured() {
        KubernetesStepConfig step = KubernetesStepConfig.of("ghcr.io/acme/dbt:1.8").withCommand(List.of("/opt/dbt/run.sh"))
                .withEnvironment(Map.of("DBT_TARGET", "prod", "PIPELINE_STEP", "from-file"))
                .withConfigMaps(List.of("dbt-settings")).withSecrets(List.of("warehouse"))
                .withRequests(Map.of("cpu", "500m")).withLimits(Map.of("memory", "2Gi"));
        KubernetesRunnerConfig config = KubernetesRunnerConfig.builder().instance("staging").step(StepName.DBT, step)
                .serviceAccount("pipeline-step").imagePullSecret("ghcr").nodeSelector("pool", "etl")
                .toleration(TolerationRule.parse("dedicated=etl:NoSchedule")).activeDeadline(Duration.ofSeconds(7290))
                .stopGrace(Duration.ofSeconds(20)).ttlAfterFinished(Duration.ofMinutes(10)).build();

        Job job = JobPlan.of(DBT, step, config);
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);

        assertThat(job.getMetadata().getName()).isEqualTo("pipeline-staging-dbt-dbt-1710460800000-abc123");
        assertThat(job.getMetadata().getLabels()).containsOnly(Map.entry("pipeline-trigger.job-id", "dbt-1710460800000-abc123"),
                Map.entry("pipeline-trigger.step", "dbt"), Map.entry("pipeline-trigger.instance", "staging"));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7290L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(20L);
        assertThat(pod.getServiceAccountName()).isEqualTo("pipeline-step");
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("pool", "etl"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("etl");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getImagePullSecrets()).extracting(ref -> ref.getName()).containsExactly("ghcr");
        assertThat(container.getName()).isEqualTo("dbt");
        assertThat(container.getImage()).isEqualTo("ghcr.io/acme/dbt:1.8");
        assertThat(container.getCommand()).as("the image's ENTRYPOINT stays").isEmpty();
        assertThat(container.getArgs()).containsExactly("/opt/dbt/run.sh", "daily");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DBT_COMMAND", "daily"), org.assertj.core.groups.Tuple.tuple("DBT_TARGET", "prod"),
                org.assertj.core.groups.Tuple.tuple("PIPELINE_JOB_ID", "dbt-1710460800000-abc123"),
                org.assertj.core.groups.Tuple.tuple("PIPELINE_STEP", "dbt"));
        assertThat(container.getEnvFrom()).extracting(s -> s.getConfigMapRef() == null ? "secret:" + s.getSecretRef().getName()
                : "configmap:" + s.getConfigMapRef().getName()).containsExactly("configmap:dbt-settings", "secret:warehouse");
        assertThat(container.getResources().getRequests()).containsExactly(Map.entry("cpu", new Quantity("500m")));
        assertThat(container.getResources().getLimits()).containsExactly(Map.entry("memory", new Quantity("2Gi")));
    }

    @Test
    void a_steps_own_time_limit_sets_the_deadline_so_a_longer_trigger_timeout_is_not_cut_at_the_servers() {
        KubernetesStepConfig step = KubernetesStepConfig.of("ghcr.io/acme/dbt:1.8");
        KubernetesRunnerConfig config = KubernetesRunnerConfig.builder().step(StepName.DBT, step)
                .activeDeadline(Duration.ofSeconds(1880)).stopGrace(Duration.ofSeconds(20)).build();
        StepSpec twoHours = new StepSpec(DBT.jobId(), StepName.DBT, DBT.environment(), DBT.arguments(),
                java.util.Optional.of(Duration.ofHours(2)));

        assertThat(JobPlan.of(twoHours, step, config).getSpec().getActiveDeadlineSeconds()).isEqualTo(7200 + 20 + 60);
        assertThat(JobPlan.of(DBT, step, config).getSpec().getActiveDeadlineSeconds()).isEqualTo(1880);
    }

    @Test
    void without_an_override_or_arguments_the_image_keeps_its_own_command_and_nothing_optional_is_set() {
        KubernetesStepConfig step = KubernetesStepConfig.of("ghcr.io/acme/ingester:1.4");
        StepSpec ingester = new StepSpec(JobId.of("ingester-1710460800000-abc123"), StepName.INGESTER, Map.of(), List.of());

        Job job = JobPlan.of(ingester, step, KubernetesRunnerConfig.builder().step(StepName.INGESTER, step).build());
        var pod = job.getSpec().getTemplate().getSpec();

        assertThat(job.getMetadata().getName()).isEqualTo("pipeline-ingester-ingester-1710460800000-abc123");
        assertThat(pod.getContainers().get(0).getArgs()).isEmpty();
        assertThat(pod.getContainers().get(0).getResources()).isNull();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
        assertThat(pod.getServiceAccountName()).isNull();
    }

    @Test
    void an_instance_too_long_for_a_job_name_is_replaced_by_a_digest_and_the_name_fits() {
        String name = KubernetesNames.jobName(new StepSpec(JobId.of("ingester-1710460800000-abc123"), StepName.INGESTER,
                Map.of(), List.of()), "a-very-long-instance-name-of-32c");

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("pipeline-[0-9a-f]{8}-ingester-ingester-1710460800000-abc123");
    }

    @Test
    void names_and_quantities_kubernetes_would_refuse_are_refused_before_any_request() {
        assertThatThrownBy(() -> KubernetesStepConfig.of("a:1").withSecrets(List.of("Warehouse"))).hasMessageContaining("Secret name");
        assertThatThrownBy(() -> KubernetesStepConfig.of("a:1").withLimits(Map.of("memory", "2GB"))).hasMessageContaining("quantity");
        assertThatThrownBy(() -> TolerationRule.parse("key=value:Sometimes")).hasMessageContaining("NoSchedule");
        assertThat(TolerationRule.parse("gpu").operator()).isEqualTo("Exists");
        assertThat(TolerationRule.parse("gpu:NoExecute").effect()).isEqualTo(Optional.of("NoExecute"));
    }
}
