package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.AppConfigTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The loud warning of a server that listens beyond loopback without a token. */
class StartupReportTest {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.7", "pipeline.internal", "192.168.1.20"})
    void listeningBeyondLoopbackWithoutATokenIsWarnedAbout(String host) {
        assertThat(StartupReport.exposureWarning(AppConfigTest.config("HOST", host)))
                .hasValueSatisfying(warning -> assertThat(warning)
                        .startsWith("NO API TOKEN: the server listens on " + host + ":3000")
                        .contains("anyone who can reach it can start pipeline runs", "PIPELINE_API_TOKEN", "docs/security.md"));
    }

    @Test
    void theDefaultHostIsBeyondLoopback() {
        assertThat(StartupReport.exposureWarning(AppConfigTest.config())).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void loopbackOnlyIsNotWarnedAbout(String host) {
        assertThat(StartupReport.exposureWarning(AppConfigTest.config("HOST", host))).isEmpty();
    }

    @Test
    void aTokenSilencesTheWarning() {
        assertThat(StartupReport.exposureWarning(AppConfigTest.config("HOST", "0.0.0.0", "PIPELINE_API_TOKEN", TOKEN)))
                .isEmpty();
    }

    @Test
    void underTheDockerRunnerTheWarningSaysTheEngineIsRoot() {
        AppConfig docker = AppConfig.fromEnvironment(java.util.Map.of("PIPELINE_INGESTER_IMAGE", "acme/ingester:1",
                "PIPELINE_DBT_IMAGE", "acme/dbt:1"));

        assertThat(StartupReport.exposureWarning(docker)).hasValueSatisfying(warning ->
                assertThat(warning).contains("the Docker engine, which is root on this host"));
    }
}
