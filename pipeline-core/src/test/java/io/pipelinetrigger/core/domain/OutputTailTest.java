package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTailTest {

    private static LogChunk out(StepName step, String text) {
        return new LogChunk(step, LogStream.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static LogChunk bytes(LogStream stream, int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return new LogChunk(StepName.DBT, stream, data);
    }

    @Test
    void short_output_is_kept_whole_in_arrival_order_across_steps_and_streams() {
        OutputTail tail = new OutputTail(1024);
        tail.accept(out(StepName.INGESTER, "loaded 46 tables\n"));
        tail.accept(new LogChunk(StepName.DBT, LogStream.STDERR, "warn\n".getBytes(StandardCharsets.UTF_8)));
        tail.accept(out(StepName.DBT, "Done.\n"));

        assertThat(tail.text()).isEqualTo("loaded 46 tables\nwarn\nDone.\n");
    }

    @Test
    void only_the_last_limit_bytes_are_kept() {
        OutputTail tail = new OutputTail(10);
        tail.accept(out(StepName.DBT, "0123456789"));
        tail.accept(out(StepName.DBT, "abcdef"));

        assertThat(tail.text()).isEqualTo("6789abcdef");
        assertThat(tail.totalBytesSeen()).isEqualTo(16);
    }

    @Test
    void a_chunk_larger_than_the_limit_leaves_its_own_last_bytes() {
        OutputTail tail = new OutputTail(8);
        tail.accept(out(StepName.DBT, "ab"));
        tail.accept(out(StepName.DBT, "0123456789ABCDEF"));

        assertThat(tail.text()).isEqualTo("89ABCDEF");
    }

    @Test
    void the_cut_never_starts_inside_a_multi_byte_character() {
        OutputTail tail = new OutputTail(4);
        // "aé€" = 61 | C3 A9 | E2 82 AC : the last 4 bytes start with A9, the second half of 'é'
        tail.accept(out(StepName.DBT, "aé€"));

        assertThat(tail.text()).isEqualTo("€");
    }

    @Test
    void a_character_split_across_chunks_is_whole_even_when_another_stream_writes_between() {
        OutputTail tail = new OutputTail(64);
        tail.accept(bytes(LogStream.STDOUT, 'c', 'a', 'f', 0xC3));
        tail.accept(bytes(LogStream.STDERR, 'E', '\n'));
        tail.accept(bytes(LogStream.STDOUT, 0xA9, '\n'));

        assertThat(tail.text()).isEqualTo("cafE\né\n");
    }

    @Test
    void a_four_byte_character_fed_one_byte_at_a_time_arrives_whole() {
        OutputTail tail = new OutputTail(64);
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        for (byte b : emoji) {
            tail.accept(new LogChunk(StepName.DBT, LogStream.STDOUT, new byte[]{b}));
            if (b != emoji[emoji.length - 1]) {
                assertThat(tail.text()).isEmpty();
            }
        }

        assertThat(tail.text()).isEqualTo("😀");
    }

    @Test
    void an_unfinished_character_is_kept_when_its_step_ends() {
        OutputTail tail = new OutputTail(64);
        tail.accept(bytes(LogStream.STDOUT, 'x', 0xE2, 0x82));
        tail.endOfStep(StepName.DBT);
        tail.appendLine("pipeline-trigger: done");

        assertThat(tail.text()).isEqualTo("x\uFFFDpipeline-trigger: done\n");
    }

    @Test
    void our_own_lines_end_the_output() {
        OutputTail tail = new OutputTail(16);
        tail.accept(out(StepName.DBT, "x".repeat(100)));
        tail.appendLine("failed: oom");

        assertThat(tail.text()).isEqualTo("xxxx" + "failed: oom\n");
    }

    /**
     * 100 MB through a 10 KB tail. Surefire runs this module with a small heap (see the pom), so a tail that
     * kept what it was fed would fail with OutOfMemoryError instead of passing.
     */
    @Test
    void a_hundred_megabytes_of_output_leave_exactly_the_last_ten_kilobytes() {
        OutputTail tail = new OutputTail(10_240);
        byte[] block = new byte[64 * 1024];
        long total = 100L * 1024 * 1024;
        for (long fed = 0; fed < total; fed += block.length) {
            Arrays.fill(block, (byte) ('a' + (fed / block.length) % 26));
            tail.accept(new LogChunk(StepName.DBT, LogStream.STDOUT, block));
        }
        tail.accept(out(StepName.DBT, "END\n"));

        String text = tail.text();
        assertThat(text).hasSize(10_240).endsWith("END\n");
        assertThat(tail.totalBytesSeen()).isEqualTo(total + 4);
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(100L * 1024 * 1024);
    }
}
