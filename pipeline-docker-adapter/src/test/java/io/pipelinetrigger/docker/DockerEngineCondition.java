package io.pipelinetrigger.docker;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/** Runs Docker tests only where an engine answers; on CI an absent engine is a failure, not a skip. */
final class DockerEngineCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> whyNot = TestEngine.whyUnavailable();
        if (whyNot.isEmpty()) {
            TestEngine.ensureTestImage();
            return ConditionEvaluationResult.enabled("a Docker engine answers at " + TestEngine.dockerHost());
        }
        String message = "No Docker engine answers at " + TestEngine.dockerHost() + " (" + whyNot.get()
                + "); start one with .ci/start-docker.sh (as root) to run the Docker tests.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the Docker tests must run: " + message);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
