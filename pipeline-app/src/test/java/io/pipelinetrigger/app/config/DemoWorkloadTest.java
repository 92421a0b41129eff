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
    void everyOtherSettingStillApplies() {
        AppConfig config = AppConfig.fromEnvironment(demo.applyTo(Map.of("PORT", "0", "ENABLE_ELEMENTARY", "false")));
        assertThat(config.port()).isZero();
        assertThat(config.defaultFlags().enableElementary()).isFalse();
    }
}
