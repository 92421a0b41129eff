package io.pipelinetrigger.app;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the jar's Docker tests only where an engine answers (and builds the busybox test image if it is
 * missing); under CI=true an absent engine is a failure, not a skip, as in the docker adapter's tests.
 */
final class DockerEngineAvailable implements ExecutionCondition {

    private static final Duration OTHERS_WAIT = Duration.ofSeconds(90);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> whyNot = DockerCli.whyUnavailable();
        if (whyNot.isEmpty()) {
            DockerCli.ensureTestImage();
            awaitNoOtherPipelineContainer();
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        String message = "No Docker engine answers the docker CLI (" + whyNot.get()
                + "); start one with .ci/start-docker.sh (as root) to run the jar's Docker tests.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the Docker tests must run: " + message);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }

    /**
     * A running step container of our instance makes every trigger a 409 (by design): one left by an earlier test
     * of this run would fail these tests for the wrong reason. Other test runs have instances of their own.
     */
    private static void awaitNoOtherPipelineContainer() {
        long deadline = System.nanoTime() + OTHERS_WAIT.toNanos();
        List<String> running = DockerCli.runningStepContainers();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            JarServer.sleep(500);
            running = DockerCli.runningStepContainers();
        }
        if (!running.isEmpty()) {
            throw new IllegalStateException("Pipeline step containers of another run are still running after "
                    + OTHERS_WAIT.toSeconds() + " s, so every trigger would be refused (409): " + running
                    + "; remove them (docker rm -f ...) and run the tests again.");
        }
    }
}
