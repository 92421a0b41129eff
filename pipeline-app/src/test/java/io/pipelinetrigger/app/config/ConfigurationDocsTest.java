package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is where operators look: every variable the server reads must be in it. */
class ConfigurationDocsTest {

    private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void everyVariableTheServerReadsIsDocumented() throws IOException {
        String doc = Files.readString(CONFIGURATION_DOC);
        for (String variable : Variables.KNOWN) {
            assertThat(doc).as("docs/configuration.md documents %s", variable).contains("| `" + variable + "` |");
        }
    }

    @Test
    void theDemoKnobIsDocumented() throws IOException {
        assertThat(Files.readString(CONFIGURATION_DOC)).contains("DEMO_STEP_SECONDS");
    }
}
