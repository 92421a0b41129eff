package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.kubernetes.KubernetesRunnerConfig;
import io.pipelinetrigger.kubernetes.KubernetesStepConfig;
import io.pipelinetrigger.kubernetes.TolerationRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code PIPELINE_RUNNER=kubernetes}: every setting read into the adapter's config, every refusal naming its variable. */
class KubernetesReaderTest {

    private static AppConfig config(String... overrides) {
        Map<String, String> environment = new HashMap<>(Map.of("PIPELINE_ENABLED", "true", "PIPELINE_RUNNER", "kubernetes",
                "PIPELINE_INGESTER_IMAGE", "ghcr.io/acme/ingester:1.4", "PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1.8"));
        for (int i = 0; i < overrides.length; i += 2) {
            environment.put(overrides[i], overrides[i + 1]);
        }
        return AppConfig.fromEnvironment(environment);
    }

    @Test
    void every_setting_reaches_the_runners_config() {
        AppConfig app = config("PIPELINE_K8S_NAMESPACE", "etl", "PIPELINE_K8S_KUBECONFIG", "/etc/pipeline/kubeconfig",
                "PIPELINE_INSTANCE", "staging", "PIPELINE_K8S_SERVICE_ACCOUNT", "dbt-runner",
                "PIPELINE_K8S_IMAGE_PULL_SECRETS", "ghcr,quay", "PIPELINE_K8S_NODE_SELECTOR", "kubernetes.io/os=linux,pool=etl",
                "PIPELINE_K8S_TOLERATIONS", "dedicated=etl:NoSchedule,spot", "PIPELINE_K8S_TTL_AFTER_FINISHED", "PT10M",
                "PIPELINE_K8S_PENDING_LIMIT", "PT3M", "PIPELINE_K8S_CONFLICT_SELECTORS", "app=dbt,team=data; cron",
                "PIPELINE_DBT_K8S_CONFIGMAPS", "dbt-settings", "PIPELINE_DBT_K8S_SECRETS", "warehouse,elementary",
                "PIPELINE_DBT_K8S_REQUESTS", "cpu=500m,memory=1Gi", "PIPELINE_DBT_K8S_LIMITS", "memory=2Gi",
                "PIPELINE_STOP_GRACE", "PT20.5S", "PIPELINE_STEP_TIMEOUT", "PT2H");
        KubernetesRunnerConfig config = ((RunnerChoice.Kubernetes) app.runner()).config();
        KubernetesStepConfig dbt = config.step(StepName.DBT).orElseThrow();

        assertThat(config.namespace()).contains("etl");
        assertThat(config.kubeconfig()).contains(Path.of("/etc/pipeline/kubeconfig"));
        assertThat(config.instance()).isEqualTo("staging");
        assertThat(config.serviceAccount()).contains("dbt-runner");
        assertThat(config.imagePullSecrets()).containsExactly("ghcr", "quay");
        assertThat(config.nodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"), Map.entry("pool", "etl"));
        assertThat(config.tolerations()).containsExactly(new TolerationRule("dedicated", Optional.of("etl"), Optional.of("NoSchedule")),
                new TolerationRule("spot", Optional.empty(), Optional.empty()));
        assertThat(config.ttlAfterFinished()).contains(Duration.ofMinutes(10));
        assertThat(config.pendingLimit()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.conflictSelectors()).containsExactly("app=dbt,team=data", "cron");
        assertThat(dbt.configMaps()).containsExactly("dbt-settings");
        assertThat(dbt.secrets()).containsExactly("warehouse", "elementary");
        assertThat(dbt.requests()).containsExactly(Map.entry("cpu", "500m"), Map.entry("memory", "1Gi"));
        assertThat(dbt.limits()).containsExactly(Map.entry("memory", "2Gi"));
        assertThat(config.stopGrace()).as("rounded up to whole seconds").isEqualTo(Duration.ofSeconds(21));
        assertThat(config.activeDeadline()).as("the step timeout, the grace and a minute")
                .contains(Duration.ofSeconds(7200 + 21 + 60));
        assertThat(config.step(StepName.INGESTER).orElseThrow().configMaps()).isEmpty();
    }

    @Test
    void without_a_step_timeout_the_jobs_have_no_deadline_and_default_settings_apply() {
        KubernetesRunnerConfig config = ((RunnerChoice.Kubernetes) config().runner()).config();

        assertThat(config.activeDeadline()).isEmpty();
        assertThat(config.namespace()).isEmpty();
        assertThat(config.ttlAfterFinished()).isEmpty();
        assertThat(config.pendingLimit()).isEqualTo(KubernetesRunnerConfig.DEFAULT_PENDING_LIMIT);
    }

    @Test
    void a_missing_image_is_named_with_the_runner() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PIPELINE_ENABLED", "true", "PIPELINE_RUNNER", "kubernetes",
                "PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1.8")))
                .hasMessageStartingWith("PIPELINE_INGESTER_IMAGE is required when PIPELINE_RUNNER=kubernetes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PIPELINE_K8S_NAMESPACE | Pipelines",
            "PIPELINE_K8S_SERVICE_ACCOUNT | dbt runner",
            "PIPELINE_K8S_IMAGE_PULL_SECRETS | ghcr,Quay",
            "PIPELINE_K8S_NODE_SELECTOR | pool",
            "PIPELINE_K8S_TOLERATIONS | dedicated=etl:NoScheduling",
            "PIPELINE_K8S_TTL_AFTER_FINISHED | PT0.5S",
            "PIPELINE_K8S_PENDING_LIMIT | soon",
            "PIPELINE_K8S_CONFLICT_SELECTORS | app==dbt",
            "PIPELINE_DBT_K8S_CONFIGMAPS | Settings",
            "PIPELINE_INGESTER_K8S_SECRETS | a_b",
            "PIPELINE_DBT_K8S_REQUESTS | cpu=lots",
            "PIPELINE_DBT_K8S_LIMITS | memory",
    })
    void a_value_the_runner_would_refuse_is_named(String variable, String value) {
        assertThatThrownBy(() -> config(variable, value)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + " must be ");
    }

    @Test
    void docker_settings_under_the_kubernetes_runner_are_worth_a_warning_and_the_shared_ones_are_not() {
        AppConfig app = config("PIPELINE_DBT_VOLUMES", "/srv/dbt:/dbt", "PIPELINE_INSTANCE", "staging");

        assertThat(app.warnings()).contains("PIPELINE_DBT_VOLUMES is set but only the docker runner reads it;"
                + " PIPELINE_RUNNER is kubernetes.").noneMatch(warning -> warning.startsWith("PIPELINE_INSTANCE")
                || warning.startsWith("PIPELINE_DBT_IMAGE"));
    }

    @Test
    void kubernetes_settings_under_another_runner_are_worth_a_warning() {
        AppConfig app = AppConfig.fromEnvironment(Map.of("PIPELINE_RUNNER", "docker", "PIPELINE_INGESTER_IMAGE", "a:1",
                "PIPELINE_DBT_IMAGE", "b:1", "PIPELINE_K8S_NAMESPACE", "etl"));

        assertThat(app.warnings()).contains("PIPELINE_K8S_NAMESPACE is set but only the kubernetes runner reads it;"
                + " PIPELINE_RUNNER is docker.");
    }
}
