package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoWorkloadTest {

    private final DemoWorkload demo = DemoWorkload.install();

    @Test
    void theScriptsAreCopiedOutOfTheJarAndLabelThemselvesASimulation() throws Exception {
        for (String script : List.of("ingester.sh", "dbt.sh")) {
            String text = Files.readString(demo.directory().resolve(script));
            assertThat(text).startsWith("#!/bin/sh").contains("SIMULATION", "echo \"[demo] simulated");
        }
    }

    @Test
    void demoModeTurnsTheApiOnAndRunsTheScriptsOnTheProcessRunner() {
        AppConfig config = AppConfig.fromEnvironment(demo.applyTo(Map.of("PIPELINE_ENABLED", "false", "PIPELINE_RUNNER", "docker")));
        assertThat(config.enabled()).isTrue();
        RunnerChoice.Process runner = (RunnerChoice.Process) config.runner();
        assertThat(runner.step(StepName.INGESTER).command()).containsExactly("/bin/sh", demo.directory().resolve("ingester.sh").toString());
        assertThat(runner.step(StepName.DBT).command()).containsExactly("/bin/sh", demo.directory().resolve("dbt.sh").toString());
    }

    @Test
    void theSimulatedDbtTestFailsLikeDbtOnMissingBronzeTablesWithExitCode1() throws Exception {
        Run run = run("dbt.sh", Map.of(), "test");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("Done. PASS=187 WARN=5 ERROR=5", "relation \"bronze.crm_contacts\" does not exist",
                "ERROR=5 (missing bronze tables)");
    }

    @Test
    void theOtherSimulatedDbtCommandsAndTheIngesterExitZero() throws Exception {
        assertThat(run("dbt.sh", Map.of(), "build").exitCode()).isZero();
        assertThat(run("ingester.sh", Map.of()).exitCode()).isZero();
    }

    @Test
    void demoFailIngesterMakesTheSimulatedIngesterFailWithExitCode1() throws Exception {
        Run run = run("ingester.sh", Map.of("DEMO_FAIL", "ingester"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("PipelineStepFailed", "DEMO_FAIL=ingester").doesNotContain("LOADED");
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(String script, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(DemoWorkload.SHELL.toString(),
                demo.directory().resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEMO_STEP_SECONDS", "0");
        builder.environment().remove("DEMO_FAIL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void everyOtherSettingStillApplies() {
        AppConfig config = AppConfig.fromEnvironment(demo.applyTo(Map.of("PORT", "0", "ENABLE_ELEMENTARY", "false")));
        assertThat(config.port()).isZero();
        assertThat(config.defaultFlags().enableElementary()).isFalse();
    }
}
