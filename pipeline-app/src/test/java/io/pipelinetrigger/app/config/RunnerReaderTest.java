package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.docker.DockerRunnerConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerReaderTest {

    @Nested
    class ProcessRunner {

        @Test
        void aMissingIngesterCommandIsNamed() {
            assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PIPELINE_ENABLED", "true", "PIPELINE_RUNNER", "process", "PIPELINE_DBT_COMMAND", "dbt")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("PIPELINE_INGESTER_COMMAND is required when PIPELINE_RUNNER=process");
        }

        @Test
        void aMissingDbtCommandIsNamed() {
            assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PIPELINE_ENABLED", "true", "PIPELINE_RUNNER", "process", "PIPELINE_INGESTER_COMMAND", "ingest")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("PIPELINE_DBT_COMMAND is required when PIPELINE_RUNNER=process");
        }

        @Test
        void aCommandWithAnUnclosedQuoteIsNamed() {
            assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_INGESTER_COMMAND", "python 'run.py"))
                    .hasMessage("PIPELINE_INGESTER_COMMAND has a single quote that is not closed; close it or escape it with a backslash.");
        }

        @Test
        void stepEnvFilesBecomeEachStepsEnvironment(@TempDir Path dir) throws IOException {
            Path dbtEnv = Files.writeString(dir.resolve("dbt.env"), "DBT_TARGET=prod\nexport DBT_PASSWORD='p w'\n");
            Path ingesterEnv = Files.writeString(dir.resolve("ingester.env"), "SOURCE_URL=\"postgres://crm\"\n");
            RunnerChoice.Process runner = (RunnerChoice.Process) AppConfigTest.config(
                    "PIPELINE_DBT_ENV_FILE", dbtEnv.toString(), "PIPELINE_INGESTER_ENV_FILE", ingesterEnv.toString()).runner();
            assertThat(runner.step(StepName.DBT).environment()).containsExactlyInAnyOrderEntriesOf(Map.of("DBT_TARGET", "prod", "DBT_PASSWORD", "p w"));
            assertThat(runner.step(StepName.INGESTER).environment()).containsExactlyEntriesOf(Map.of("SOURCE_URL", "postgres://crm"));
        }

        @Test
        void withoutStepEnvFilesTheStepEnvironmentIsEmpty() {
            RunnerChoice.Process runner = (RunnerChoice.Process) AppConfigTest.config().runner();
            assertThat(runner.step(StepName.DBT).environment()).isEmpty();
        }

        @Test
        void aMissingStepEnvFileIsNamedByItsVariable(@TempDir Path dir) {
            Path missing = dir.resolve("missing.env");
            assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_INGESTER_ENV_FILE", missing.toString()))
                    .hasMessage("PIPELINE_INGESTER_ENV_FILE names the env file " + missing + ", which does not exist.");
        }

        @Test
        void aMalformedStepEnvFileIsNamedWithItsLine(@TempDir Path dir) throws IOException {
            Path bad = Files.writeString(dir.resolve("dbt.env"), "OK=1\nbroken\n");
            assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_DBT_ENV_FILE", bad.toString()))
                    .hasMessage("The env file " + bad + " has a malformed line 2: expected KEY=VALUE.");
        }

        @Test
        void theSummaryNamesProgramsButNotArgumentsOrEnvValues(@TempDir Path dir) throws IOException {
            Path dbtEnv = Files.writeString(dir.resolve("dbt.env"), "DBT_PASSWORD=hunter2\n");
            String summary = AppConfigTest.config("PIPELINE_DBT_COMMAND", "/opt/dbt/run --password hunter2",
                    "PIPELINE_DBT_ENV_FILE", dbtEnv.toString()).runner().describe();
            assertThat(summary).contains("/opt/dbt/run (+2 arguments)", "1 variables from its env file").doesNotContain("hunter2");
        }
    }

    @Nested
    class DockerRunner {

        private Map<String, String> environment(String... overrides) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    "PIPELINE_ENABLED", "true",
                    "PIPELINE_RUNNER", "docker",
                    "PIPELINE_INGESTER_IMAGE", "ghcr.io/acme/ingester:1.4",
                    "PIPELINE_DBT_IMAGE", "ghcr.io/acme/dbt:1.8"));
            for (int i = 0; i < overrides.length; i += 2) {
                environment.put(overrides[i], overrides[i + 1]);
            }
            return environment;
        }

        private RunnerChoice.Docker docker(String... overrides) {
            return (RunnerChoice.Docker) AppConfig.fromEnvironment(environment(overrides)).runner();
        }

        private void assertRejected(String sentenceStart, String... overrides) {
            assertThatThrownBy(() -> docker(overrides)).isInstanceOf(ConfigException.class).hasMessageStartingWith(sentenceStart);
        }

        @Test
        void theImagesAreAllItNeeds() {
            RunnerChoice.Docker docker = docker();
            assertThat(docker.step(StepName.INGESTER).image()).isEqualTo("ghcr.io/acme/ingester:1.4");
            assertThat(docker.step(StepName.DBT).image()).isEqualTo("ghcr.io/acme/dbt:1.8");
            assertThat(docker.step(StepName.DBT).command()).isEmpty();
            assertThat(docker.step(StepName.DBT).binds()).isEmpty();
            assertThat(docker.config().dockerHost()).isEqualTo(DockerRunnerConfig.DEFAULT_DOCKER_HOST);
            assertThat(docker.config().network()).isEmpty();
            assertThat(docker.config().conflictLabels()).isEmpty();
        }

        @Test
        void whileTheApiIsDisabledMissingImagesLeaveTheRunnerUnconfiguredInsteadOfStoppingStartUp() {
            RunnerChoice runner = AppConfig.fromEnvironment(Map.of("PIPELINE_RUNNER", "docker", "PIPELINE_DBT_IMAGE", "dbt:1")).runner();

            assertThat(runner).isEqualTo(new RunnerChoice.Unconfigured("docker", java.util.List.of("PIPELINE_INGESTER_IMAGE")));
            assertThat(((RunnerChoice.Unconfigured) runner).whatEnablingNeeds())
                    .isEqualTo("set PIPELINE_ENABLED=true and PIPELINE_INGESTER_IMAGE (PIPELINE_RUNNER=docker; see docs/configuration.md)");
        }

        @Test
        void whileTheApiIsDisabledAWrongValueStillStopsStartUp() {
            assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PIPELINE_RUNNER", "docker", "PORT", "eighty")))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("PORT must be");
        }

        @Test
        void eachImageIsRequired() {
            Map<String, String> withoutDbt = environment();
            withoutDbt.remove("PIPELINE_DBT_IMAGE");
            assertThatThrownBy(() -> AppConfig.fromEnvironment(withoutDbt))
                    .hasMessage("PIPELINE_DBT_IMAGE is required when PIPELINE_RUNNER=docker: the image of the dbt step, e.g. ghcr.io/acme/dbt:1.8.");
            assertRejected("PIPELINE_INGESTER_IMAGE is required", "PIPELINE_INGESTER_IMAGE", " ");
        }

        @Test
        void anImageWithSpacesIsRejected() {
            assertRejected("PIPELINE_DBT_IMAGE must be an image reference without spaces, got \"acme/dbt latest\".",
                    "PIPELINE_DBT_IMAGE", "acme/dbt latest");
        }

        @Test
        void aCommandOverridesTheImagesCommand() {
            assertThat(docker("PIPELINE_DBT_COMMAND", "/entrypoint.sh --verbose").step(StepName.DBT).command())
                    .contains(List.of("/entrypoint.sh", "--verbose"));
        }

        @Test
        void volumesAreCommaSeparatedBindsWithAnOptionalReadOnlyMark() {
            RunnerChoice.Docker docker = docker("PIPELINE_DBT_VOLUMES",
                    "/srv/dbt/profiles:/root/.dbt:ro, dbt-target:/app/target ,/data:/data:rw,");
            // the binds go to docker as written (":rw" is docker's default), each entry trimmed
            assertThat(docker.step(StepName.DBT).binds()).containsExactly("/srv/dbt/profiles:/root/.dbt:ro", "dbt-target:/app/target", "/data:/data:rw");
            assertThat(docker.step(StepName.INGESTER).binds()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/only-one-part", "/a:relative", "/a:/b:rx", "/a:/b:ro:x", ":/b", "v:/b"})
        void aMalformedVolumeIsRejectedNamingTheEntry(String entry) {
            assertRejected("PIPELINE_INGESTER_VOLUMES must be comma-separated host:container[:ro] binds with an absolute container path"
                    + " (e.g. /srv/dbt/profiles:/root/.dbt:ro), got \"" + entry + "\".", "PIPELINE_INGESTER_VOLUMES", "/ok:/ok," + entry);
        }

        @ParameterizedTest
        @ValueSource(strings = {"./rel:/b", "dbt/profiles:/root/.dbt:ro", "~/profiles:/root/.dbt", "../x:/x"})
        void aRelativeHostPathIsRejectedBlamingTheHostPath(String entry) {
            String host = entry.substring(0, entry.indexOf(':'));
            assertRejected("PIPELINE_INGESTER_VOLUMES has the host path \"" + host + "\" in \"" + entry + "\", which is relative;"
                    + " the host side of a bind must be an absolute path or a volume name (e.g. /srv/dbt/profiles:/root/.dbt:ro).",
                    "PIPELINE_INGESTER_VOLUMES", "/ok:/ok," + entry);
        }

        @Test
        void conflictLabelsAreCommaSeparatedKeyValuePairs() {
            assertThat(docker("PIPELINE_DOCKER_CONFLICT_LABELS", "com.docker.compose.service=dbt, com.docker.compose.project=lakehouse")
                    .config().conflictLabels()).containsExactly(Map.entry("com.docker.compose.service", "dbt"), Map.entry("com.docker.compose.project", "lakehouse"));
        }

        @Test
        void aConflictLabelKeyAloneMatchesAnyValue() {
            RunnerChoice.Docker docker = docker("PIPELINE_DOCKER_CONFLICT_LABELS", "pipeline-trigger.step, com.docker.compose.service=dbt");

            assertThat(docker.config().conflictLabelKeys()).containsExactly("pipeline-trigger.step");
            assertThat(docker.config().conflictLabels()).containsExactly(Map.entry("com.docker.compose.service", "dbt"));
            assertThat(docker.describe()).contains("conflict labels pipeline-trigger.step,com.docker.compose.service=dbt");
        }

        @ParameterizedTest
        @ValueSource(strings = {"service=", "=dbt", "a=b=c", "bad key=x", "bad key"})
        void aMalformedConflictLabelIsRejected(String entry) {
            assertRejected("PIPELINE_DOCKER_CONFLICT_LABELS must be comma-separated key=value labels or label keys"
                    + " (e.g. com.docker.compose.service=dbt), got \"" + entry + "\".", "PIPELINE_DOCKER_CONFLICT_LABELS", entry);
        }

        @Test
        void theInstanceIsDefaultUnlessNamed() {
            assertThat(docker().config().instance()).isEqualTo("default");
            assertThat(docker("PIPELINE_INSTANCE", "staging").config().instance()).isEqualTo("staging");
            assertThat(docker("PIPELINE_INSTANCE", "staging").describe()).contains("instance staging");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Staging", "ci_7", "-ci", "a.b", "abcdefghijklmnopqrstuvwxyz0123456"})
        void anInstanceThatIsNoShortDnsLabelIsRejectedNamingTheVariable(String instance) {
            assertRejected("PIPELINE_INSTANCE must be 1 to 32 lower-case letters, digits or '-', starting and ending with a"
                    + " letter or digit (e.g. staging), got \"" + instance + "\".", "PIPELINE_INSTANCE", instance);
        }

        @Test
        void aNetworkIsANameWithoutSpaces() {
            assertThat(docker("PIPELINE_DOCKER_NETWORK", "lakehouse_default").config().network()).contains("lakehouse_default");
            assertRejected("PIPELINE_DOCKER_NETWORK must be a docker network name", "PIPELINE_DOCKER_NETWORK", "lake house");
        }

        @Test
        void dockerHostTakesTheSchemesOfTheDockerCli() {
            assertThat(docker("DOCKER_HOST", "unix:///run/user/1000/docker.sock").config().dockerHost()).isEqualTo("unix:///run/user/1000/docker.sock");
            assertThat(docker("DOCKER_HOST", "tcp://127.0.0.1:2375").config().dockerHost()).isEqualTo("tcp://127.0.0.1:2375");
            assertRejected("DOCKER_HOST must be an engine address such as unix:///var/run/docker.sock or tcp://127.0.0.1:2375, got \"/var/run/docker.sock\".",
                    "DOCKER_HOST", "/var/run/docker.sock");
        }

        @Test
        void stepEnvFilesBecomeTheContainersEnvironment(@TempDir Path dir) throws IOException {
            Path env = Files.writeString(dir.resolve("ingester.env"), "SOURCE=crm\n");
            assertThat(docker("PIPELINE_INGESTER_ENV_FILE", env.toString()).step(StepName.INGESTER).environment())
                    .containsExactlyEntriesOf(Map.of("SOURCE", "crm"));
        }

        @Test
        void theSummaryShowsWhatAnOperatorNeedsToCheck() {
            String summary = docker("PIPELINE_DOCKER_NETWORK", "lake", "PIPELINE_DBT_VOLUMES", "/p:/root/.dbt:ro").describe();
            assertThat(summary).contains("ghcr.io/acme/dbt:1.8", "network lake", "/p:/root/.dbt:ro", "local socket");
        }

        @Test
        void noWarningAboutDockerVariablesUnderTheDockerRunner() {
            assertThat(AppConfig.fromEnvironment(environment("PIPELINE_DOCKER_NETWORK", "lake")).warnings()).isEmpty();
        }
    }
}
