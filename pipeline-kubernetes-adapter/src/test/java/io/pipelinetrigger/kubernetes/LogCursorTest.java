package io.pipelinetrigger.kubernetes;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A reopened log starts at the second of the last line: what was delivered is skipped, to the line. */
class LogCursorTest {

    private static final Instant A = Instant.parse("2026-12-02T15:33:56.100Z");
    private static final Instant B = Instant.parse("2026-12-02T15:33:56.200Z");
    private static final Instant C = Instant.parse("2026-12-02T15:33:57.000000001Z");

    @Test
    void a_fresh_cursor_reads_from_the_start() {
        assertThat(new LogCursor().sinceTime()).isEmpty();
    }

    @Test
    void the_stream_is_reopened_at_the_second_of_the_last_line() {
        LogCursor cursor = new LogCursor();
        cursor.beginRead();
        cursor.isNew(A);
        cursor.isNew(B);

        assertThat(cursor.sinceTime()).contains("2026-12-02T15:33:56Z");
    }

    @Test
    void lines_of_that_second_already_delivered_are_skipped_and_the_rest_delivered() {
        LogCursor cursor = new LogCursor();
        cursor.beginRead();
        List<Boolean> first = Stream.of(A, B, B).map(cursor::isNew).toList();
        cursor.beginRead(); // reopened: the API repeats the whole second, then goes on
        List<Boolean> second = Stream.of(A, B, B, B, C).map(cursor::isNew).toList();

        assertThat(first).containsExactly(true, true, true);
        assertThat(second).as("A and both B's were delivered; the third B and C are new").containsExactly(false, false, false, true, true);
    }

    @Test
    void a_timestamp_is_read_as_the_kubelet_writes_it_with_trailing_zeros_trimmed() {
        assertThat(LogCursor.timestampOf("2026-12-02T15:33:56.1234Z")).contains(Instant.parse("2026-12-02T15:33:56.123400Z"));
        assertThat(LogCursor.timestampOf("no-timestamp")).isEmpty();
    }
}
