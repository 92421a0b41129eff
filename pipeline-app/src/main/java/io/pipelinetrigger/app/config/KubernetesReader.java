package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.kubernetes.KubernetesRunnerConfig;
import io.pipelinetrigger.kubernetes.KubernetesStepConfig;
import io.pipelinetrigger.kubernetes.TolerationRule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the variables of {@code PIPELINE_RUNNER=kubernetes} (docs/kubernetes.md, "Settings") straight into the
 * adapter's config; its rules decide, a refusal becomes the sentence naming the variable.
 */
final class KubernetesReader {

    /** The step's Job outlives core's own timeout by the stop grace and this much, so core's timeout ends it first. */
    static final Duration DEADLINE_MARGIN = Duration.ofMinutes(1);

    private KubernetesReader() {
    }

    static RunnerChoice.Kubernetes read(Variables variables, Duration stopGrace, Optional<Duration> stepTimeout) {
        KubernetesRunnerConfig.Builder config = KubernetesRunnerConfig.builder();
        for (StepName step : StepName.values()) {
            config.step(step, step(variables, step));
        }
        variables.parsed(Variables.PIPELINE_K8S_NAMESPACE, "a namespace name of lower-case letters, digits or '-'",
                config::namespace);
        variables.path(Variables.PIPELINE_K8S_KUBECONFIG).ifPresent(config::kubeconfig);
        variables.parsed(Variables.PIPELINE_INSTANCE, "1 to 32 lower-case letters, digits or '-', starting and ending"
                + " with a letter or digit (e.g. staging)", config::instance);
        variables.parsed(Variables.PIPELINE_K8S_SERVICE_ACCOUNT, "a service account name", config::serviceAccount);
        for (String secret : variables.commaSeparated(Variables.PIPELINE_K8S_IMAGE_PULL_SECRETS)) {
            Variables.checked(Variables.PIPELINE_K8S_IMAGE_PULL_SECRETS, secret, "comma-separated Secret names",
                    () -> config.imagePullSecret(secret));
        }
        for (String entry : variables.commaSeparated(Variables.PIPELINE_K8S_NODE_SELECTOR)) {
            int equals = entry.indexOf('=');
            Variables.checked(Variables.PIPELINE_K8S_NODE_SELECTOR, entry, "comma-separated key=value node labels (e.g."
                    + " kubernetes.io/os=linux)", () -> config.nodeSelector(equals < 0 ? entry : entry.substring(0, equals),
                    equals < 0 ? null : entry.substring(equals + 1)));
        }
        for (String entry : variables.commaSeparated(Variables.PIPELINE_K8S_TOLERATIONS)) {
            Variables.checked(Variables.PIPELINE_K8S_TOLERATIONS, entry, "comma-separated key[=value][:Effect] tolerations"
                    + " (e.g. dedicated=etl:NoSchedule)", () -> config.toleration(TolerationRule.parse(entry)));
        }
        variables.optionalDuration(Variables.PIPELINE_K8S_TTL_AFTER_FINISHED).ifPresent(ttl -> Variables.checked(
                Variables.PIPELINE_K8S_TTL_AFTER_FINISHED, ttl.toString(), "a whole number of seconds (e.g. PT10M)",
                () -> config.ttlAfterFinished(ttl)));
        variables.optionalDuration(Variables.PIPELINE_K8S_PENDING_LIMIT).ifPresent(config::pendingLimit);
        for (String selector : semicolonSeparated(variables, Variables.PIPELINE_K8S_CONFLICT_SELECTORS)) {
            Variables.checked(Variables.PIPELINE_K8S_CONFLICT_SELECTORS, selector, "label selectors separated by ';', each"
                    + " key=value (or key) requirements joined by ',' (e.g. app=dbt,team=data)", () -> config.conflictSelector(selector));
        }
        // Kubernetes counts both in whole seconds: a fraction of the grace is rounded up, never down
        config.stopGrace(Duration.ofSeconds(ceilSeconds(stopGrace)));
        stepTimeout.ifPresent(timeout -> config.activeDeadline(Duration.ofSeconds(
                ceilSeconds(timeout) + ceilSeconds(stopGrace) + DEADLINE_MARGIN.toSeconds())));
        return new RunnerChoice.Kubernetes(config.build());
    }

    private static KubernetesStepConfig step(Variables variables, StepName step) {
        String imageVariable = RunnerReader.imageVariable(step);
        String image = variables.text(imageVariable).orElseThrow(() -> new ConfigException(
                imageVariable + " is required when PIPELINE_RUNNER=kubernetes: the image of the " + step.wireName()
                        + " step, e.g. " + RunnerReader.exampleImage(step) + "."));
        KubernetesStepConfig config = Variables.checked(imageVariable, image, "an image reference without spaces",
                () -> KubernetesStepConfig.of(image));
        String commandVariable = RunnerReader.commandVariable(step);
        Optional<List<String>> command = variables.command(commandVariable);
        if (command.isPresent()) {
            KubernetesStepConfig withoutCommand = config;
            config = Variables.checked(commandVariable, variables.text(commandVariable).orElseThrow(),
                    "a program and its arguments", () -> withoutCommand.withCommand(command.get()));
        }
        config = variables.envFileInto(RunnerReader.envFileVariable(step), config, KubernetesStepConfig::withEnvironment);
        String prefix = "PIPELINE_" + (step == StepName.INGESTER ? "INGESTER" : "DBT") + "_K8S_";
        List<String> configMaps = variables.commaSeparated(prefix + "CONFIGMAPS");
        KubernetesStepConfig beforeMaps = config;
        config = Variables.checked(prefix + "CONFIGMAPS", String.join(",", configMaps), "comma-separated ConfigMap names",
                () -> beforeMaps.withConfigMaps(configMaps));
        List<String> secrets = variables.commaSeparated(prefix + "SECRETS");
        KubernetesStepConfig beforeSecrets = config;
        config = Variables.checked(prefix + "SECRETS", String.join(",", secrets), "comma-separated Secret names",
                () -> beforeSecrets.withSecrets(secrets));
        Map<String, String> requests = quantities(variables, prefix + "REQUESTS");
        KubernetesStepConfig beforeRequests = config;
        config = Variables.checked(prefix + "REQUESTS", requests.toString(), "comma-separated resource=quantity pairs"
                + " (e.g. cpu=500m,memory=1Gi)", () -> beforeRequests.withRequests(requests));
        Map<String, String> limits = quantities(variables, prefix + "LIMITS");
        KubernetesStepConfig beforeLimits = config;
        return Variables.checked(prefix + "LIMITS", limits.toString(), "comma-separated resource=quantity pairs"
                + " (e.g. memory=2Gi)", () -> beforeLimits.withLimits(limits));
    }

    private static Map<String, String> quantities(Variables variables, String name) {
        Map<String, String> quantities = new LinkedHashMap<>();
        for (String entry : variables.commaSeparated(name)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(name + " must be comma-separated resource=quantity pairs (e.g. cpu=500m,memory=1Gi),"
                        + " got " + Variables.quoted(entry) + ".");
            }
            quantities.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return quantities;
    }

    private static List<String> semicolonSeparated(Variables variables, String name) {
        return variables.text(name).stream().flatMap(value -> List.of(value.split(";")).stream()).map(String::strip)
                .filter(part -> !part.isEmpty()).toList();
    }

    private static long ceilSeconds(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() : duration.getSeconds() + 1;
    }
}
