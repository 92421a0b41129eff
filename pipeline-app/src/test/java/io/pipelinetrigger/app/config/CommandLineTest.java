package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void noArgumentsMeanAPlainStart() {
        CommandLine commandLine = CommandLine.parse();
        assertThat(commandLine.demo()).isFalse();
        assertThat(commandLine.envFile()).isEmpty();
        assertThat(commandLine.help()).isFalse();
    }

    @Test
    void demoAndEnvFileCanBeCombined() {
        CommandLine commandLine = CommandLine.parse("--env-file", "/etc/pipeline.env", "--demo");
        assertThat(commandLine.demo()).isTrue();
        assertThat(commandLine.envFile()).contains(Path.of("/etc/pipeline.env"));
    }

    @Test
    void theEnvFileMayBeJoinedWithAnEqualsSign() {
        assertThat(CommandLine.parse("--env-file=.env.production").envFile()).contains(Path.of(".env.production"));
    }

    @Test
    void helpIsRecognisedInBothSpellings() {
        assertThat(CommandLine.parse("--help").help()).isTrue();
        assertThat(CommandLine.parse("-h").help()).isTrue();
    }

    @Test
    void anEnvFileWithoutPathIsRejected() {
        assertThatThrownBy(() -> CommandLine.parse("--env-file")).isInstanceOf(ConfigException.class)
                .hasMessage("--env-file needs a file path after it.");
        assertThatThrownBy(() -> CommandLine.parse("--env-file=")).isInstanceOf(ConfigException.class);
    }

    @Test
    void anUnknownArgumentIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> CommandLine.parse("--port", "8080")).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown argument \"--port\"; the server takes only --demo, --env-file PATH and --help.");
    }

    @Test
    void aMistypedOptionIsRejectedWithTheOptionItProbablyMeant() {
        assertThatThrownBy(() -> CommandLine.parse("--dmeo")).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown argument \"--dmeo\"; did you mean \"--demo\"? The server takes only --demo, --env-file PATH and --help.");
        assertThatThrownBy(() -> CommandLine.parse("--envfile=.env")).hasMessageContaining("did you mean \"--env-file\"?");
    }
}
