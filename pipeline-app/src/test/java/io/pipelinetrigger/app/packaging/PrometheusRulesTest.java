package io.pipelinetrigger.app.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alerting rules under packaging/prometheus are what operators load: Prometheus's own {@code promtool} must
 * accept them, and their unit tests (the alerts fire when they should, stay quiet otherwise) must pass.
 */
class PrometheusRulesTest {

    private static final Path DIR = Path.of("..", "packaging", "prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void promtoolAcceptsTheShippedRules() throws Exception {
        requirePromtool();
        Run check = promtool("check", "rules", "pipeline-trigger-rules.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void theAlertsFireAsTheirUnitTestsSay() throws Exception {
        requirePromtool();
        Run test = promtool("test", "rules", "pipeline-trigger-rules.test.yml");

        assertThat(test.exitCode()).as(test.output()).isZero();
    }

    @Test
    void theRulesUseTheMetricNamesTheServerExposes() throws IOException {
        String rules = Files.readString(DIR.resolve("pipeline-trigger-rules.yml"));

        // the names docs/operations.md lists and MetricsIT scrapes
        assertThat(rules).contains("pipeline_trigger_last_success_seconds", "pipeline_trigger_runs_total",
                "pipeline_trigger_runs_queued", "pipeline_trigger_runs_active");
    }

    private static void requirePromtool() {
        boolean present = Files.isExecutable(PROMTOOL);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the Prometheus rules must be checked, but " + PROMTOOL
                    + " is missing: install Debian's prometheus package (.ci/install-tools.sh does).");
        }
        assumeTrue(present, "Skipped: " + PROMTOOL + " is missing (Debian package prometheus)");
    }

    private static Run promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }
}
