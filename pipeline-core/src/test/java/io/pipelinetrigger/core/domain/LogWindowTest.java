package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page rules of docs/api.md ("Read the whole log"), over every cut a small log allows. */
class LogWindowTest {

    /** Characters that appear nowhere else in the logs below, so any of them in a page is a leak. */
    private static final String SECRET = "Zq9#Xw";
    private static final OutputSanitizer SANITIZER = OutputSanitizer.redacting(Set.of(SECRET));

    private static final byte[] LOG = ("start " + SECRET + " mid\nline deux " + SECRET
            + "\n\u001B[31mred\u001B[0m ✓ é\n" + SECRET + "\nend").getBytes(StandardCharsets.UTF_8);

    @Test
    void no_page_shows_any_part_of_a_secret_whatever_its_offset_and_limit_in_an_ended_log() {
        for (int offset = 0; offset <= LOG.length; offset++) {
            for (int limit = 1; limit <= LOG.length + 1; limit++) {
                LogPage page = page(LOG, LOG.length, false, offset, limit);
                assertNoSecretPart(page, offset, limit);
                assertThat(page.nextOffset()).isBetween((long) offset, (long) LOG.length);
                if (offset < LOG.length) {
                    assertThat(page.nextOffset()).as("a reader always moves on").isGreaterThan(offset);
                }
            }
        }
    }

    @Test
    void no_page_of_a_log_still_being_written_shows_any_part_of_a_secret_at_any_size_offset_and_limit() {
        for (int size = 0; size <= LOG.length; size++) {
            for (int offset = 0; offset <= size; offset++) {
                for (int limit = 1; limit <= size - offset + 1; limit++) {
                    LogPage page = page(LOG, size, true, offset, limit);
                    assertNoSecretPart(page, offset, limit);
                    assertThat(page.more()).isTrue();
                    assertThat(page.nextOffset()).isBetween((long) offset, (long) size);
                }
            }
        }
    }

    @Test
    void paging_through_an_ended_log_with_any_limit_that_holds_a_line_gives_the_cleaned_whole() {
        String expected = SANITIZER.clean(new String(LOG, StandardCharsets.UTF_8));
        for (int limit = 30; limit <= LOG.length + 1; limit++) {
            StringBuilder text = new StringBuilder();
            long offset = 0;
            LogPage page;
            do {
                page = page(LOG, LOG.length, false, offset, limit);
                text.append(page.text());
                offset = page.nextOffset();
            } while (page.more());
            assertThat(text.toString()).as("limit " + limit).isEqualTo(expected);
        }
    }

    @Test
    void a_page_ends_after_its_last_newline_else_at_a_character_boundary() {
        byte[] log = "one\ntwo\nthr".getBytes(StandardCharsets.UTF_8);
        assertThat(page(log, log.length, false, 0, 10)).isEqualTo(new LogPage("one\ntwo\n", 8, true, 11));
        assertThat(page(log, log.length, false, 8, 10)).isEqualTo(new LogPage("thr", 11, false, 11));

        byte[] wide = "ab✓✓".getBytes(StandardCharsets.UTF_8); // ✓ is 3 bytes
        assertThat(page(wide, wide.length, false, 0, 4)).isEqualTo(new LogPage("ab", 2, true, 8));
        assertThat(page(wide, wide.length, false, 2, 4)).isEqualTo(new LogPage("✓", 5, true, 8));
    }

    @Test
    void while_the_job_runs_a_partial_last_line_waits_for_its_newline_or_stops_short_of_a_secret_in_progress() {
        byte[] log = ("done\nsecret soon " + SECRET.substring(0, 4)).getBytes(StandardCharsets.UTF_8);
        LogPage page = page(log, log.length, true, 0, 1000);
        assertThat(page).isEqualTo(new LogPage("done\n", 5, true, log.length));
        LogPage rest = page(log, log.length, true, 5, 1000);
        assertThat(rest.text()).isEqualTo("secret soon").doesNotContain("Z");
        assertThat(rest.nextOffset()).isEqualTo(log.length - (SECRET.length() - 1));
    }

    @Test
    void control_sequences_are_cleaned_like_the_job_views_output() {
        byte[] log = "\u001B[1mbold\u001B[0m\u0007\n".getBytes(StandardCharsets.UTF_8);
        assertThat(page(log, log.length, false, 0, 100).text()).isEqualTo("bold\\x07\n");
    }

    @Test
    void an_offset_past_the_end_and_a_limit_out_of_range_are_refused() {
        assertThatThrownBy(() -> page(LOG, 10, false, 11, 5)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("The offset 11 is past the end of the log, which has 10 bytes so far.");
        assertThatThrownBy(() -> page(LOG, 10, false, 0, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> page(LOG, 10, false, 0, LogWindow.MAX_LIMIT_BYTES + 1))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(page(LOG, 10, true, 10, 5)).isEqualTo(new LogPage("", 10, true, 10));
    }

    private static LogPage page(byte[] log, long size, boolean live, long offset, int limit) {
        LogWindow.RawLog raw = (from, length) -> {
            assertThat(from + length).as("reads stay within the size given").isLessThanOrEqualTo(size);
            return Arrays.copyOfRange(log, (int) from, (int) from + length);
        };
        return LogWindow.page(raw, size, live, offset, limit, SANITIZER);
    }

    private static void assertNoSecretPart(LogPage page, long offset, int limit) {
        String shown = page.text().replace(OutputSanitizer.REDACTED, "");
        for (char c : SECRET.toCharArray()) {
            assertThat(shown).as("offset %d limit %d: %s", offset, limit, page.text()).doesNotContain(String.valueOf(c));
        }
    }
}
