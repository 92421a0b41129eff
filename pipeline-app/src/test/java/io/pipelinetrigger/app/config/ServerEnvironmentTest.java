package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerEnvironmentTest {

    @TempDir
    Path dir;

    private Path envFile(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void withoutAnEnvFileTheEnvironmentIsUsedAsItIs() {
        assertThat(ServerEnvironment.load(Optional.empty(), Map.of("PORT", "1"))).containsExactlyEntriesOf(Map.of("PORT", "1"));
    }

    @Test
    void theEnvFileArgumentAddsItsVariables() throws IOException {
        Path file = envFile("server.env", "PIPELINE_ENABLED=true\nPORT=8080\n");
        assertThat(ServerEnvironment.load(Optional.of(file), Map.of("HOST", "127.0.0.1")))
                .containsEntry("PIPELINE_ENABLED", "true").containsEntry("PORT", "8080").containsEntry("HOST", "127.0.0.1");
    }

    @Test
    void aRealEnvironmentVariableWinsOverTheFile() throws IOException {
        Path file = envFile("server.env", "PORT=8080\n");
        assertThat(ServerEnvironment.load(Optional.of(file), Map.of("PORT", "9090"))).containsEntry("PORT", "9090");
    }

    @Test
    void anEmptyRealVariableDoesNotBlankOutTheFilesValue() throws IOException {
        Path file = envFile("server.env", "PORT=8080\n");
        assertThat(ServerEnvironment.load(Optional.of(file), Map.of("PORT", ""))).containsEntry("PORT", "8080");
    }

    @Test
    void pipelineEnvFileNamesTheFileWhenNoArgumentDoes() throws IOException {
        Path file = envFile(".env.production", "PIPELINE_ENABLED=true\n");
        assertThat(ServerEnvironment.load(Optional.empty(), Map.of("PIPELINE_ENV_FILE", file.toString())))
                .containsEntry("PIPELINE_ENABLED", "true");
    }

    @Test
    void theArgumentWinsOverPipelineEnvFile() throws IOException {
        Path fromArgument = envFile("a.env", "PORT=1111\n");
        Path fromVariable = envFile("b.env", "PORT=2222\nHOST=::1\n");
        Map<String, String> loaded = ServerEnvironment.load(Optional.of(fromArgument), Map.of("PIPELINE_ENV_FILE", fromVariable.toString()));
        assertThat(loaded).containsEntry("PORT", "1111").doesNotContainKey("HOST");
    }

    @Test
    void aMissingFileIsNamedWithWhatNamedIt() {
        Path missing = dir.resolve("missing.env");
        assertThatThrownBy(() -> ServerEnvironment.load(Optional.of(missing), Map.of()))
                .hasMessage("--env-file names the env file " + missing + ", which does not exist.");
        assertThatThrownBy(() -> ServerEnvironment.load(Optional.empty(), Map.of("PIPELINE_ENV_FILE", missing.toString())))
                .hasMessage("PIPELINE_ENV_FILE names the env file " + missing + ", which does not exist.");
    }

    @Test
    void theMergedEnvironmentFeedsTheConfiguration() throws IOException {
        Path file = envFile("server.env", "PIPELINE_RUNNER=process\nPIPELINE_INGESTER_COMMAND=ingest\nPIPELINE_DBT_COMMAND=dbt\nPORT=8080\n");
        AppConfig config = AppConfig.fromEnvironment(ServerEnvironment.load(Optional.of(file), Map.of("PORT", "0")));
        assertThat(config.port()).isZero();
        assertThat(config.runner().name()).isEqualTo("process");
    }
}
