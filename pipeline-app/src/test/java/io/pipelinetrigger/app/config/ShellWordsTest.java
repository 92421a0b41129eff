package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellWordsTest {

    private static final String VAR = "PIPELINE_DBT_COMMAND";

    @Test
    void whitespaceSeparatesWords() {
        assertThat(ShellWords.split("  dbt   build\t--target prod ", VAR)).containsExactly("dbt", "build", "--target", "prod");
    }

    @Test
    void singleQuotesKeepSpacesAndBackslashesLiteral() {
        assertThat(ShellWords.split("sh -c 'echo \"hi\" \\n there'", VAR)).containsExactly("sh", "-c", "echo \"hi\" \\n there");
    }

    @Test
    void doubleQuotesKeepSpacesAndUnderstandFourEscapes() {
        assertThat(ShellWords.split("run \"a b\" \"say \\\"hi\\\" \\\\ \\$x \\n\"", VAR))
                .containsExactly("run", "a b", "say \"hi\" \\ $x \\n");
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(ShellWords.split("/opt/my\\ tools/run a\\'b", VAR)).containsExactly("/opt/my tools/run", "a'b");
    }

    @Test
    void adjacentQuotedAndPlainPartsFormOneWord() {
        assertThat(ShellWords.split("--name='a b'\"c d\"e", VAR)).containsExactly("--name=a bc de");
    }

    @Test
    void anEmptyQuotedWordIsKept() {
        assertThat(ShellWords.split("prog '' \"\"", VAR)).containsExactly("prog", "", "");
    }

    @Test
    void nothingIsExpandedBecauseNoShellRuns() {
        assertThat(ShellWords.split("echo $HOME *.sql a|b; c", VAR)).containsExactly("echo", "$HOME", "*.sql", "a|b;", "c");
    }

    @Test
    void anUnclosedQuoteStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> ShellWords.split("dbt 'build", VAR))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PIPELINE_DBT_COMMAND has a single quote that is not closed; close it or escape it with a backslash.");
        assertThatThrownBy(() -> ShellWords.split("dbt \"build", VAR))
                .hasMessage("PIPELINE_DBT_COMMAND has a double quote that is not closed; close it or escape it with a backslash.");
    }

    @Test
    void aTrailingBackslashIsRejected() {
        assertThatThrownBy(() -> ShellWords.split("dbt \\", VAR)).isInstanceOf(ConfigException.class).hasMessageStartingWith("PIPELINE_DBT_COMMAND ends with a lone backslash");
    }

    @Test
    void aCommandOfOnlyEmptyQuotesHasAnEmptyProgramButOnlyWhitespaceHasNone() {
        assertThatThrownBy(() -> ShellWords.split("   ", VAR)).hasMessage("PIPELINE_DBT_COMMAND must name a program to run, got an empty command.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "/tmp/pipeline-trigger-demo-1/dbt.sh", "with space", "it's", "\"q\"", "$HOME", "", "a\\b"})
    void aQuotedWordSplitsBackToItself(String word) {
        assertThat(ShellWords.split("prog " + ShellWords.quote(word), VAR)).containsExactly("prog", word);
    }
}
