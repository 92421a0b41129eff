package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvFileTest {

    private static Map<String, String> parse(String... lines) {
        return EnvFile.parse(List.of(lines), "/etc/pipeline.env");
    }

    @Test
    void plainKeyValueLinesBecomeVariables() {
        assertThat(parse("PORT=8080", "HOST=127.0.0.1")).containsExactly(Map.entry("PORT", "8080"), Map.entry("HOST", "127.0.0.1"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        assertThat(parse("# the server", "", "   ", "  # indented comment", "PORT=1")).containsExactly(Map.entry("PORT", "1"));
    }

    @Test
    void anExportPrefixIsAllowedAsInShellFiles() {
        assertThat(parse("export PIPELINE_ENABLED=true", "export\tPORT=2")).containsEntry("PIPELINE_ENABLED", "true").containsEntry("PORT", "2");
    }

    @Test
    void whitespaceAroundNameAndUnquotedValueIsTrimmed() {
        assertThat(parse("  HOST =  0.0.0.0  ")).containsEntry("HOST", "0.0.0.0");
    }

    @Test
    void anEmptyValueIsKeptAsEmpty() {
        assertThat(parse("DBT_TARGET=")).containsEntry("DBT_TARGET", "");
    }

    @Test
    void aHashAfterWhitespaceStartsATrailingCommentButNotInsideAWord() {
        assertThat(parse("A=value # comment", "B=pass#word")).containsEntry("A", "value").containsEntry("B", "pass#word");
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertThat(parse("PASSWORD='s3cr#t \\n $HOME \"x\"'")).containsEntry("PASSWORD", "s3cr#t \\n $HOME \"x\"");
    }

    @Test
    void doubleQuotesUnderstandTheUsualEscapes() {
        assertThat(parse("MSG=\"line1\\nline2\\ttab \\\"quoted\\\" \\\\ \\$HOME # kept\"  # comment"))
                .containsEntry("MSG", "line1\nline2\ttab \"quoted\" \\ $HOME # kept");
    }

    @Test
    void valuesAreNotInterpolated() {
        assertThat(parse("URL=${BASE}/x")).containsEntry("URL", "${BASE}/x");
    }

    @Test
    void anEqualsSignInsideTheValueBelongsToTheValue() {
        assertThat(parse("DSN=postgres://u:p@h/db?sslmode=require")).containsEntry("DSN", "postgres://u:p@h/db?sslmode=require");
    }

    @Test
    void aLaterLineWinsOverAnEarlierOneWithTheSameName() {
        assertThat(parse("PORT=1", "PORT=2")).containsEntry("PORT", "2");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() {
        assertThat(parse("\uFEFFPORT=1")).containsEntry("PORT", "1");
    }

    @Test
    void aLineWithoutEqualsSignIsRejectedNamingFileAndLine() {
        assertThatThrownBy(() -> parse("# header", "PORT=1", "secretvalue"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The env file /etc/pipeline.env has a malformed line 3: expected KEY=VALUE.");
    }

    @Test
    void theMalformedLineIsNotRepeatedBecauseItMayHoldASecret() {
        assertThatThrownBy(() -> parse("hunter2")).hasMessageNotContaining("hunter2");
    }

    @Test
    void aNameWithSpacesOrLeadingDigitIsRejected() {
        assertThatThrownBy(() -> parse("MY VAR=1")).isInstanceOf(ConfigException.class).hasMessageContaining("line 1: the name before '='");
        assertThatThrownBy(() -> parse("1VAR=1")).isInstanceOf(ConfigException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("=1")).isInstanceOf(ConfigException.class).hasMessageContaining("line 1");
    }

    @Test
    void anUnclosedQuoteIsRejected() {
        assertThatThrownBy(() -> parse("A='open")).hasMessage("The env file /etc/pipeline.env has a malformed line 1: the single quote is not closed.");
        assertThatThrownBy(() -> parse("A=1", "B=\"open")).hasMessage("The env file /etc/pipeline.env has a malformed line 2: the double quote is not closed.");
    }

    @Test
    void textAfterAClosingQuoteIsRejectedUnlessItIsAComment() {
        assertThatThrownBy(() -> parse("A='x'y")).hasMessageContaining("line 1: only a # comment may follow the closing quote");
        assertThat(parse("A='x' # fine")).containsEntry("A", "x");
    }

    @Test
    void aFileOnDiskIsReadAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("step.env");
        Files.writeString(file, "GREETING=grüß dich\nexport TOKEN='abc'\n", StandardCharsets.UTF_8);
        assertThat(EnvFile.read(file, "PIPELINE_DBT_ENV_FILE")).containsEntry("GREETING", "grüß dich").containsEntry("TOKEN", "abc");
    }

    @Test
    void aMissingFileIsReportedWithTheVariableThatNamedIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.env");
        assertThatThrownBy(() -> EnvFile.read(missing, "PIPELINE_DBT_ENV_FILE"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PIPELINE_DBT_ENV_FILE names the env file " + missing + ", which does not exist.");
    }

    @Test
    void aFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.env");
        Files.write(file, new byte[] {'A', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> EnvFile.read(file, "--env-file")).hasMessageContaining("is not valid UTF-8 text");
    }
}
