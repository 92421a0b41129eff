package io.pipelinetrigger.app.config;

import io.pipelinetrigger.rest.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PIPELINE_API_TOKEN, PIPELINE_API_TOKEN_FILE, PIPELINE_CORS_ORIGINS and PIPELINE_REDACT. */
class SecuritySettingsTest {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String NEXT_TOKEN = "b1d8e6f4a2c07935e8d1f6a3c4b29071";

    @Test
    void byDefaultThereIsNoTokenNoOriginAndNothingExtraToRedact() {
        SecuritySettings security = AppConfigTest.config().security();

        assertThat(security.apiTokens()).isEmpty();
        assertThat(security.tokens().required()).isFalse();
        assertThat(security.corsOrigins()).isEmpty();
        assertThat(security.redact()).isEmpty();
    }

    @Test
    void theTokenVariableTakesOneOrMoreCommaSeparatedTokens() {
        SecuritySettings security = AppConfigTest.config("PIPELINE_API_TOKEN", TOKEN + " , " + NEXT_TOKEN).security();

        assertThat(security.apiTokens()).containsExactly(TOKEN, NEXT_TOKEN);
        assertThat(security.tokens().idOf(NEXT_TOKEN)).contains(ApiTokens.fingerprint(NEXT_TOKEN));
    }

    @Test
    void theTokenFileHasOneTokenPerLineWithCommentsAndBothSourcesCount(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "# rotated 2024-03-15\n" + NEXT_TOKEN + "\n\n  " + TOKEN + "  \n");

        SecuritySettings security = AppConfigTest.config("PIPELINE_API_TOKEN_FILE", file.toString(),
                "PIPELINE_API_TOKEN", TOKEN).security();

        assertThat(security.apiTokens()).containsExactly(TOKEN, NEXT_TOKEN);
    }

    @Test
    void aTokenShorterThan16CharactersStopsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_API_TOKEN", TOKEN + ",hunter2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The API token in PIPELINE_API_TOKEN (token 2) has 7 characters; a token needs at least 16"
                        + " (make one with: openssl rand -hex 32).");
    }

    @Test
    void aShortTokenInTheFileIsNamedByItsLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "# comment\n" + TOKEN + "\nshort\n");

        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_API_TOKEN_FILE", file.toString()))
                .hasMessage("The API token in line 3 of the token file " + file + " has 5 characters; a token needs at"
                        + " least 16 (make one with: openssl rand -hex 32).");
    }

    @Test
    void aTokenWithASpaceOrNonAsciiStopsStartUp(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "correct horse battery staple\n");

        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_API_TOKEN_FILE", file.toString()))
                .hasMessageStartingWith("The API token in line 1 of the token file")
                .hasMessageContaining("not visible ASCII")
                .hasMessageNotContaining("horse");
    }

    @Test
    void aMissingOrEmptyTokenFileStopsStartUp(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope");
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing yet\n\n");

        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_API_TOKEN_FILE", missing.toString()))
                .hasMessage("PIPELINE_API_TOKEN_FILE names the token file " + missing + ", which does not exist.");
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_API_TOKEN_FILE", empty.toString()))
                .hasMessage("The token file " + empty + " (from PIPELINE_API_TOKEN_FILE) holds no token; put one token"
                        + " per line, or unset PIPELINE_API_TOKEN_FILE.");
    }

    @Test
    void aTokenFileThatEveryUserCanReadIsAWarning(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(AppConfigTest.config("PIPELINE_API_TOKEN_FILE", file.toString()).warnings())
                .containsExactly("The token file " + file + " can be read by every user of this machine; restrict it with chmod 600.");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(AppConfigTest.config("PIPELINE_API_TOKEN_FILE", file.toString()).warnings()).isEmpty();
    }

    @Test
    void corsOriginsAreExactOriginsInLowerCase() {
        assertThat(AppConfigTest.config("PIPELINE_CORS_ORIGINS", "https://Ops.Example.com, http://localhost:8080")
                .security().corsOrigins()).containsExactly("https://ops.example.com", "http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "ops.example.com", "https://ops.example.com/", "https://ops.example.com/app",
            "ftp://ops.example.com", "https://user@ops.example.com", "null"})
    void anythingButAnExactOriginStopsStartUp(String origin) {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_CORS_ORIGINS", "https://ok.example.com," + origin))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PIPELINE_CORS_ORIGINS must be comma-separated origins such as https://ops.example.com or"
                        + " http://localhost:8080 (scheme, host and port only; no path, no *), got \"" + origin + "\".");
    }

    @Test
    void redactTakesCommaSeparatedValues() {
        assertThat(AppConfigTest.config("PIPELINE_REDACT", "s3cr3t, ,tok").security().redact()).containsExactly("s3cr3t", "tok");
    }

    @Test
    void theStartUpLogNamesTokensByIdOnly() {
        String described = AppConfigTest.config("PIPELINE_API_TOKEN", TOKEN).security().describe();

        assertThat(described).contains("1 API token(s), ids " + ApiTokens.fingerprint(TOKEN)).doesNotContain(TOKEN);
    }
}
