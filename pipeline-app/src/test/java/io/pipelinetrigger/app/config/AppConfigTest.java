package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The variables of docs/configuration.md that every runner reads; runner variables are in {@link RunnerReaderTest}. */
public class AppConfigTest {

    /** A valid process-runner environment with {@code overrides} on top. */
    public static Map<String, String> processEnvironment(String... overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PIPELINE_RUNNER", "process",
                "PIPELINE_INGESTER_COMMAND", "/opt/ingest/run",
                "PIPELINE_DBT_COMMAND", "/opt/dbt/run"));
        for (int i = 0; i < overrides.length; i += 2) {
            environment.put(overrides[i], overrides[i + 1]);
        }
        return environment;
    }

    public static AppConfig config(String... overrides) {
        return AppConfig.fromEnvironment(processEnvironment(overrides));
    }

    @Test
    void everyVariableHasTheDefaultOfTheDesign() {
        AppConfig config = config();
        assertThat(config.enabled()).isFalse();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.defaultFlags()).isEqualTo(FeatureFlags.ALL_ENABLED);
        assertThat(config.jobRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(config.outputLimitBytes()).isEqualTo(10_240);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void theConsoleIsServedUnlessSwitchedOffAndAWrongValueStopsStartUp() {
        assertThat(config().console()).isTrue();
        assertThat(config("PIPELINE_CONSOLE", "false").console()).isFalse();
        assertThatThrownBy(() -> config("PIPELINE_CONSOLE", "off"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PIPELINE_CONSOLE");
    }

    @Test
    void theRunnerDefaultsToDockerWhichNeedsItsImagesOnceEnabled() {
        assertThat(AppConfig.fromEnvironment(Map.of()).runner())
                .isEqualTo(new RunnerChoice.Unconfigured("docker", List.of("PIPELINE_INGESTER_IMAGE", "PIPELINE_DBT_IMAGE")));
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PIPELINE_ENABLED", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PIPELINE_INGESTER_IMAGE is required when PIPELINE_RUNNER=docker");
    }

    @Test
    void everyVariableTakesAValidValue() {
        AppConfig config = config("PIPELINE_ENABLED", "true", "HOST", "127.0.0.1", "PORT", "8081",
                "ENABLE_OPENLINEAGE", "false", "ENABLE_ELEMENTARY", "false", "PIPELINE_JOB_RETENTION", "PT30M",
                "PIPELINE_OUTPUT_LIMIT_BYTES", "2048");
        assertThat(config.enabled()).isTrue();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.defaultFlags()).isEqualTo(new FeatureFlags(false, false));
        assertThat(config.jobRetention()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.outputLimitBytes()).isEqualTo(2048);
        assertThat(config.runner()).isInstanceOf(RunnerChoice.Process.class);
    }

    @Test
    void portZeroMeansAFreePort() {
        assertThat(config("PORT", "0").port()).isZero();
    }

    @Test
    void anEmptyValueCountsAsUnset() {
        assertThat(config("PORT", "", "PIPELINE_ENABLED", "  ").port()).isEqualTo(3000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT | abc | PORT must be a whole number from 0 to 65535, got \"abc\".",
            "PORT | 65536 | PORT must be a whole number from 0 to 65535, got \"65536\".",
            "PORT | -1 | PORT must be a whole number from 0 to 65535, got \"-1\".",
            "PORT | 80.5 | PORT must be a whole number from 0 to 65535, got \"80.5\".",
            "PIPELINE_ENABLED | yes | PIPELINE_ENABLED must be true or false, got \"yes\".",
            "PIPELINE_ENABLED | TRUE | PIPELINE_ENABLED must be true or false, got \"TRUE\".",
            "ENABLE_OPENLINEAGE | 1 | ENABLE_OPENLINEAGE must be true or false, got \"1\".",
            "ENABLE_ELEMENTARY | off | ENABLE_ELEMENTARY must be true or false, got \"off\".",
            "HOST | my host | HOST must be an IP address or host name such as 0.0.0.0, 127.0.0.1 or ::, got \"my host\".",
            "HOST | http://x | HOST must be an IP address or host name such as 0.0.0.0, 127.0.0.1 or ::, got \"http://x\".",
            "PIPELINE_RUNNER | k8s | PIPELINE_RUNNER must be docker or process or kubernetes, got \"k8s\".",
            "PIPELINE_JOB_RETENTION | 1h | PIPELINE_JOB_RETENTION must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got \"1h\".",
            "PIPELINE_JOB_RETENTION | PT0S | PIPELINE_JOB_RETENTION must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got \"PT0S\".",
            "PIPELINE_JOB_RETENTION | -PT1H | PIPELINE_JOB_RETENTION must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got \"-PT1H\".",
            "PIPELINE_OUTPUT_LIMIT_BYTES | 100 | PIPELINE_OUTPUT_LIMIT_BYTES must be a whole number from 1024 to 10485760, got \"100\".",
            "PIPELINE_OUTPUT_LIMIT_BYTES | 10k | PIPELINE_OUTPUT_LIMIT_BYTES must be a whole number from 1024 to 10485760, got \"10k\".",
            "PIPELINE_OUTPUT_LIMIT_BYTES | 99999999999 | PIPELINE_OUTPUT_LIMIT_BYTES must be a whole number from 1024 to 10485760, got \"99999999999\".",
    })
    void aWrongValueStopsStartUpWithOneSentenceNamingTheVariable(String variable, String value, String sentence) {
        assertThatThrownBy(() -> config(variable, value)).isInstanceOf(ConfigException.class).hasMessage(sentence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "[::1]", "localhost", "pipeline.internal", "10.0.0.7"})
    void ipv6AndHostNamesAreAcceptedWithoutResolvingThem(String host) {
        assertThat(config("HOST", host).host()).isEqualTo(host.replace("[", "").replace("]", ""));
    }

    @Test
    void retentionAcceptsDaysAndLowerCase() {
        assertThat(config("PIPELINE_JOB_RETENTION", "P1D").jobRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(config("PIPELINE_JOB_RETENTION", "pt90s").jobRetention()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config("PIPELINE_JOB_RETENTION", "P30D").jobRetention()).as("a month of history").isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aVeryLongWrongValueIsShortenedInTheSentence() {
        String value = "x".repeat(500);
        assertThatThrownBy(() -> config("PORT", value)).hasMessageContaining("x".repeat(80) + "...\"").hasMessageNotContaining("x".repeat(81));
    }

    @Test
    void theOrderOfTheDesignTableDecidesWhichWrongValueIsReportedFirst() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "abc")))
                .hasMessage("PORT must be a whole number from 0 to 65535, got \"abc\".");
    }

    @Test
    void aLikelyTypoOfAVariableIsAWarningWithASuggestion() {
        assertThat(config("PIPELINE_ENABLE", "true", "ENABLE_OPEN_LINEAGE", "false").warnings()).containsExactly(
                "ENABLE_OPEN_LINEAGE is not a setting of pipeline-trigger and is ignored; did you mean ENABLE_OPENLINEAGE?",
                "PIPELINE_ENABLE is not a setting of pipeline-trigger and is ignored; did you mean PIPELINE_ENABLED?");
    }

    @Test
    void dockerVariablesUnderTheProcessRunnerAreAWarning() {
        assertThat(config("PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1", "PIPELINE_DOCKER_NETWORK", "lake").warnings())
                .containsExactlyInAnyOrder(
                        "PIPELINE_DBT_IMAGE is set but only the docker runner reads it; PIPELINE_RUNNER is process.",
                        "PIPELINE_DOCKER_NETWORK is set but only the docker runner reads it; PIPELINE_RUNNER is process.");
    }

    @Test
    void theProcessRunnerGetsBothCommands() {
        RunnerChoice.Process runner = (RunnerChoice.Process) config("PIPELINE_DBT_COMMAND", "dbt-run --target 'prod eu'").runner();
        assertThat(runner.step(StepName.INGESTER).command()).isEqualTo(List.of("/opt/ingest/run"));
        assertThat(runner.step(StepName.DBT).command()).isEqualTo(List.of("dbt-run", "--target", "prod eu"));
    }
}
