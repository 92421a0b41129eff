package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.AppConfigTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the output sanitizer is told to redact. */
class RedactedValuesTest {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";

    @Test
    void everyListedValueTheTokensAndTheDatabasePasswordAreRedactedWhateverTheirLength() {
        AppConfig config = AppConfigTest.config("PIPELINE_REDACT", "pw1,another-secret", "PIPELINE_API_TOKEN", TOKEN,
                "PIPELINE_DB_PASSWORD", "dbpass");

        assertThat(RedactedValues.of(config)).containsExactlyInAnyOrder("pw1", "another-secret", TOKEN, "dbpass");
    }

    @Test
    void stepEnvFileValuesAreRedactedFromEightCharactersOn(@TempDir Path dir) throws IOException {
        Path dbtEnv = Files.writeString(dir.resolve("dbt.env"), String.join("\n",
                "DBT_PASSWORD='correct horse'", "DBT_PORT=5432", "DBT_ELEMENTARY=true", "DBT_TARGET=prod",
                "DBT_SEVEN=1234567", "DBT_EIGHT=12345678", "DBT_EMPTY="));
        Path ingesterEnv = Files.writeString(dir.resolve("ingester.env"), "SOURCE_URL=postgres://crm:pw@db/crm\n");

        AppConfig config = AppConfigTest.config("PIPELINE_DBT_ENV_FILE", dbtEnv.toString(),
                "PIPELINE_INGESTER_ENV_FILE", ingesterEnv.toString());

        assertThat(RedactedValues.of(config))
                .containsExactlyInAnyOrder("correct horse", "12345678", "postgres://crm:pw@db/crm");
    }

    @Test
    void withNothingConfiguredNothingIsRedacted() {
        assertThat(RedactedValues.of(AppConfigTest.config())).isEmpty();
    }
}
