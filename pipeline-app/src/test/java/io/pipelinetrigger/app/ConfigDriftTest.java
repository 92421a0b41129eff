package io.pipelinetrigger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values the app once accepted and an adapter's config then refused, which ended start-up with exit 1 and a
 * sentence naming no variable. Each adapter's config is now the one rule, applied while the configuration is
 * read: exit 2, naming the variable, before any Docker engine or store is contacted.
 */
class ConfigDriftTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> dockerEnvironment(String... overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PIPELINE_RUNNER", "docker",
                "PIPELINE_INGESTER_IMAGE", "ghcr.io/acme/ingester:1.4",
                "PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1.8",
                "PIPELINE_DATA_DIR", dir.resolve("data").toString(),
                "HOST", "127.0.0.1",
                "PORT", "0"));
        for (int i = 0; i < overrides.length; i += 2) {
            environment.put(overrides[i], overrides[i + 1]);
        }
        return environment;
    }

    private int launch(Map<String, String> environment) {
        Main.Launch launch = Main.launch(new String[0], environment, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        launch.application().ifPresent(application -> application.stop());
        return launch.exitCode();
    }

    private String sentence() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PIPELINE_DBT_VOLUMES | v:/data",
            "PIPELINE_INGESTER_VOLUMES | /srv/in:/in,x:/cache",
            "DOCKER_HOST | npipe:////./pipe/docker_engine",
            "PIPELINE_DOCKER_NETWORK | lake/house",
            "PIPELINE_DOCKER_CONFLICT_LABELS | /service=dbt",
            "PIPELINE_INSTANCE | Staging",
    })
    void aDockerValueTheRunnerWouldRefuseEndsStartUpWithExit2NamingTheVariable(String variable, String value) {
        assertThat(launch(dockerEnvironment(variable, value))).isEqualTo(2);
        assertThat(sentence()).startsWith(variable + " must be ").doesNotContain("could not start");
    }

    @Test
    void anEnvFileKeyWithADashEndsStartUpWithExit2NamingTheEnvFileVariable() throws IOException {
        Path env = Files.writeString(dir.resolve("dbt.env"), "DBT_TARGET=prod\nDBT-PROFILE=lake\n");

        assertThat(launch(dockerEnvironment("PIPELINE_DBT_ENV_FILE", env.toString()))).isEqualTo(2);
        assertThat(sentence()).startsWith("PIPELINE_DBT_ENV_FILE names the env file " + env)
                .contains("\"DBT-PROFILE\" is not an environment variable name")
                .doesNotContain("lake");
    }

    @Test
    void aDataDirectoryTheStoreWouldRefuseEndsStartUpWithExit2NamingTheVariable() {
        Map<String, String> environment = dockerEnvironment("PIPELINE_DATA_DIR", dir.resolve("a;b").toString());

        assertThat(launch(environment)).isEqualTo(2);
        assertThat(sentence()).startsWith("PIPELINE_DATA_DIR must be a directory path without ';'");
    }

    @Test
    void aStoreUrlOfAnotherDatabaseEndsStartUpWithExit2WithoutItsParameters() {
        assertThat(launch(dockerEnvironment("PIPELINE_DB_URL", "jdbc:mysql://db/jobs?password=s3cret"))).isEqualTo(2);
        assertThat(sentence()).isEqualTo("PIPELINE_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got"
                + " \"jdbc:mysql://db/jobs...\".");
    }

    @Test
    void aScheduleWithAWrongCronEndsStartUpWithExit2NamingTheScheduleAndTheField() throws IOException {
        Path schedules = Files.writeString(dir.resolve("schedules.yaml"),
                "schedules:\n  - {name: nightly-full, cron: \"0 2 * *\", request: {pipeline: full}}\n");

        assertThat(launch(dockerEnvironment("PIPELINE_SCHEDULES_FILE", schedules.toString()))).isEqualTo(2);
        assertThat(sentence()).startsWith("PIPELINE_SCHEDULES_FILE: schedule \"nightly-full\" (entry 1 of "
                + schedules + "), field 'cron': The cron expression \"0 2 * *\" is not valid");
    }

    @Test
    void helpEndsWithExit0() {
        Main.Launch launch = Main.launch(new String[] {"--help"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(launch.exitCode()).isZero();
        assertThat(launch.application()).isEmpty();
    }
}
