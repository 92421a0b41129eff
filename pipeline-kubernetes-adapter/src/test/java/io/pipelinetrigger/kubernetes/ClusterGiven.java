package io.pipelinetrigger.kubernetes;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Runs the real-cluster contract only when {@code PIPELINE_IT_KUBECONFIG} names one. Unlike Docker, no cluster can
 * run on these machines, so the skip stands under CI too: the API mock runs the same contract there.
 */
final class ClusterGiven implements ExecutionCondition {

    static Optional<String> kubeconfig() {
        return Optional.ofNullable(System.getenv("PIPELINE_IT_KUBECONFIG")).filter(value -> !value.isBlank());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return kubeconfig().map(path -> ConditionEvaluationResult.enabled("the cluster of " + path))
                .orElse(ConditionEvaluationResult.disabled("Skipped: PIPELINE_IT_KUBECONFIG is not set, so there is no"
                        + " cluster to run the Kubernetes runner contract against (KubernetesContainerRunnerTest runs it"
                        + " against the API mock); see docs/kubernetes.md, \"Running the contract against a real cluster\"."));
    }
}
