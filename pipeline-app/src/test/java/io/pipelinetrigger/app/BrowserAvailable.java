package io.pipelinetrigger.app;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the console's browser tests only where Debian's chromium and chromium-driver are installed; under CI=true
 * their absence is a failure, not a skip (.ci/install-tools.sh installs them).
 */
final class BrowserAvailable implements ExecutionCondition {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        String message = "No " + CHROMIUM + " or " + CHROMEDRIVER + "; install Debian's chromium and chromium-driver"
                + " (bash .ci/install-tools.sh, as root) to run the console's browser tests.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the browser tests must run: " + message);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
