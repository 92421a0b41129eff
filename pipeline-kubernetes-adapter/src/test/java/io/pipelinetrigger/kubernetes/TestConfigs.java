package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runner configs for the tests: short poll interval, pending limit and grace, so every path ends in seconds. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code step} runs {@code sh -c shellScript} (the spec's arguments after it) in {@code image}. */
    static KubernetesRunnerConfig.Builder running(StepName step, String shellScript, String image) {
        return KubernetesRunnerConfig.builder()
                .namespace("pipelines")
                .step(step, KubernetesStepConfig.of(image).withCommand(List.of("sh", "-c", shellScript)))
                .pollInterval(Duration.ofMillis(50))
                .pendingLimit(Duration.ofSeconds(1))
                .stopGrace(Duration.ofSeconds(2));
    }

    /** Waits (with a deadline) until neither the spec's Job nor any of its pods is left. */
    static void awaitNothingLeftOf(KubernetesClient client, StepSpec spec) {
        awaitNothingLeftOf(client, spec, "pipelines");
    }

    static void awaitNothingLeftOf(KubernetesClient client, StepSpec spec, String namespace) {
        String job = KubernetesNames.jobName(spec, KubernetesRunnerConfig.DEFAULT_INSTANCE);
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            boolean jobLeft = client.batch().v1().jobs().inNamespace(namespace).withName(job).get() != null;
            int podsLeft = client.pods().inNamespace(namespace).withLabel(KubernetesNames.JOB_NAME_LABEL, job).list().getItems().size();
            if (!jobLeft && podsLeft == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("left of " + job + ": " + (jobLeft ? "the Job, " : "") + podsLeft + " pod(s)");
            }
            sleepBriefly();
        }
    }

    /** Waits (with a deadline) until Kubernetes says the Job completed or failed. */
    static void awaitJobFinished(KubernetesClient client, String jobName) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            var job = client.batch().v1().jobs().inNamespace("pipelines").withName(jobName).get();
            if (job != null && PodObservation.finished(job)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Job " + jobName + " did not finish");
            }
            sleepBriefly();
        }
    }

    static void sleepBriefly() {
        try {
            Thread.sleep(20); // polling for a condition under a deadline, not timing anything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
