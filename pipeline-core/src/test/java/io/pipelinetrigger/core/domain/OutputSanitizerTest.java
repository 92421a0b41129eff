package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OutputSanitizerTest {

    private final OutputSanitizer sanitizer = OutputSanitizer.redacting(Set.of("s3cr3t-pass", "s3cr3t"));

    @Test
    void ansi_colours_cursor_moves_and_titles_are_removed() {
        String coloured = "\u001B[32mPASS\u001B[0m=271 \u001B[1;31mERROR\u001B[0m=0\u001B[2K\u001B]0;window title\u0007 done";

        assertThat(sanitizer.clean(coloured)).isEqualTo("PASS=271 ERROR=0 done");
    }

    @Test
    void other_control_characters_are_escaped_but_newline_return_and_tab_stay() {
        assertThat(sanitizer.clean("a\u0007b\u0000c\u007Fd\te\r\nf\u0085"))
                .isEqualTo("a\\x07b\\x00c\\x7fd\te\r\nf\\x85");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x08, 0x0B, 0x0C, 0x0E, 0x1F, 0x7F, 0x80, 0x9F})
    void a_single_control_character_at_either_edge_of_a_range_is_escaped_in_otherwise_clean_text(int control) {
        String text = "Found 271 models " + (char) control + " done";

        assertThat(sanitizer.clean(text)).isEqualTo("Found 271 models " + String.format("\\x%02x", control) + " done");
    }

    @Test
    void an_eight_bit_control_sequence_alone_in_clean_text_is_removed() {
        assertThat(sanitizer.clean("ok \u009B32mgreen")).isEqualTo("ok green");
    }

    @Test
    void text_without_control_characters_comes_back_as_it_was() {
        String clean = "Running with dbt=1.8.0: caf\u00e9 \u2603 \uD83D\uDE80\ttab\r\nnext \u00A0 \u00FF ~";

        assertThat(sanitizer.clean(clean)).isEqualTo(clean);
    }

    @Test
    void secret_values_are_redacted_wherever_they_appear_the_longest_first() {
        assertThat(sanitizer.clean("password=s3cr3t-pass token=s3cr3t xs3cr3tx"))
                .isEqualTo("password=[REDACTED] token=[REDACTED] x[REDACTED]x");
    }

    @Test
    void a_secret_split_across_chunks_is_still_redacted_because_the_tail_cleans_whole_text() {
        OutputTail tail = new OutputTail(1024, sanitizer);
        tail.accept(new LogChunk(StepName.DBT, LogStream.STDOUT, "connecting with s3c".getBytes(StandardCharsets.UTF_8)));
        tail.accept(new LogChunk(StepName.DBT, LogStream.STDOUT, "r3t-pass\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(tail.text()).isEqualTo("connecting with [REDACTED]\n");
    }

    @Test
    void the_no_op_sanitizer_leaves_text_alone() {
        assertThat(OutputSanitizer.NONE.clean("\u001B[32mok\u0007")).isEqualTo("\u001B[32mok\u0007");
    }
}
