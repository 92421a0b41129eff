package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Job one step runs as, decided from the operator's config and core's step spec before the cluster is
 * asked anything. Pure, so it is tested without a cluster. The Job is created suspended: no pod runs before
 * core has saved its name (docs/kubernetes.md, "What a step's pod is").
 */
final class JobPlan {

    /** What the active deadline leaves beyond the step's time limit and its stop grace. */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(60);

    private JobPlan() {
    }

    /**
     * The cluster's backstop for a step whose server is gone: the step's own time limit (a trigger's
     * {@code timeoutSeconds} included) plus the stop grace and a minute, so core's timeout always stops it first;
     * without one, the configured deadline.
     */
    static Optional<Duration> activeDeadline(StepSpec spec, KubernetesRunnerConfig config) {
        return spec.timeout().map(timeout -> Duration.ofSeconds(ceilSeconds(timeout) + ceilSeconds(config.stopGrace())
                + DEADLINE_MARGIN.toSeconds())).or(config::activeDeadline);
    }

    private static long ceilSeconds(Duration duration) {
        return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    }

    static Job of(StepSpec spec, KubernetesStepConfig step, KubernetesRunnerConfig config) {
        String name = KubernetesNames.jobName(spec, config.instance());
        Map<String, String> labels = labels(spec, config.instance());
        return new JobBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withSuspend(true)
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(activeDeadline(spec, config).map(Duration::toSeconds).orElse(null))
                    .withTtlSecondsAfterFinished(config.ttlAfterFinished().map(d -> (int) d.toSeconds()).orElse(null))
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(config.serviceAccount().orElse(null))
                            .withTerminationGracePeriodSeconds(config.stopGrace().toSeconds())
                            .withNodeSelector(config.nodeSelector().isEmpty() ? null : new LinkedHashMap<>(config.nodeSelector()))
                            .withTolerations(tolerations(config))
                            .withImagePullSecrets(config.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
                            .withContainers(container(spec, step))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    static Map<String, String> labels(StepSpec spec, String instance) {
        return Map.of(KubernetesNames.JOB_ID_LABEL, spec.jobId().value(), KubernetesNames.STEP_LABEL,
                spec.step().wireName(), KubernetesNames.INSTANCE_LABEL, instance);
    }

    /** The container is named after the step, so {@code kubectl logs job/<name> -c dbt} reads as it should. */
    static String containerName(StepSpec spec) {
        return spec.step().wireName();
    }

    private static Container container(StepSpec spec, KubernetesStepConfig step) {
        ContainerBuilder container = new ContainerBuilder()
                .withName(containerName(spec))
                .withImage(step.image())
                .withEnv(environment(spec, step))
                .withEnvFrom(envFrom(step));
        List<String> args = arguments(spec, step);
        if (!args.isEmpty()) {
            container.withArgs(args); // replaces the image's CMD and keeps its ENTRYPOINT, as docker run does
        }
        if (!step.requests().isEmpty() || !step.limits().isEmpty()) {
            container.withNewResources().withRequests(quantities(step.requests())).withLimits(quantities(step.limits()))
                    .endResources();
        }
        return container.build();
    }

    /** Like {@code docker compose run <service> <args>}: the arguments replace the image's command, after the override. */
    private static List<String> arguments(StepSpec spec, KubernetesStepConfig step) {
        List<String> args = new ArrayList<>(step.command().orElse(List.of()));
        args.addAll(spec.arguments());
        return args;
    }

    /** The operator's env file first; what core decides for the run wins over it. Sorted, so the Job reads the same each time. */
    private static List<EnvVar> environment(StepSpec spec, KubernetesStepConfig step) {
        Map<String, String> merged = new TreeMap<>(step.environment());
        merged.putAll(spec.environment());
        return merged.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    }

    /** By reference only: the kubelet reads the values; they never pass through this server or its store. */
    private static List<EnvFromSource> envFrom(KubernetesStepConfig step) {
        List<EnvFromSource> sources = new ArrayList<>();
        step.configMaps().forEach(name -> sources.add(new EnvFromSourceBuilder().withNewConfigMapRef(name, false).build()));
        step.secrets().forEach(name -> sources.add(new EnvFromSourceBuilder().withNewSecretRef(name, false).build()));
        return sources;
    }

    private static List<Toleration> tolerations(KubernetesRunnerConfig config) {
        return config.tolerations().stream().map(rule -> new TolerationBuilder()
                .withKey(rule.key())
                .withOperator(rule.operator())
                .withValue(rule.value().orElse(null))
                .withEffect(rule.effect().orElse(null))
                .build()).toList();
    }

    private static Map<String, Quantity> quantities(Map<String, String> quantities) {
        Map<String, Quantity> result = new LinkedHashMap<>();
        quantities.forEach((resource, amount) -> result.put(resource, new Quantity(amount)));
        return result.isEmpty() ? null : result;
    }
}
