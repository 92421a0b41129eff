package io.pipelinetrigger.app;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Runs a test that starts a {@link PrivatePostgres} only where Debian's PostgreSQL server binaries are installed;
 * under CI=true their absence is a failure, not a skip (.ci/start-postgres.sh installs them).
 */
final class PostgresBinariesAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> whyNot = PrivatePostgres.whyUnavailable();
        if (whyNot.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL's server binaries are installed");
        }
        String message = "A private PostgreSQL cluster cannot run here (" + whyNot.get() + "); install Debian's"
                + " postgresql (bash .ci/start-postgres.sh, as root) to run the database outage test.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the database outage test must run: " + message);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
