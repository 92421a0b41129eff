package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogChunkTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String written(LogChunk chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunk.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void a_chunk_made_with_the_constructor_owns_its_bytes_so_the_runner_may_reuse_its_buffer() throws IOException {
        byte[] buffer = ascii("..hello..");
        LogChunk chunk = new LogChunk(StepName.DBT, LogStream.STDOUT, buffer, 2, 5);
        buffer[2] = 'J';
        assertThat(written(chunk)).isEqualTo("hello");
        assertThat(chunk.length()).isEqualTo(5);
    }

    @Test
    void a_borrowing_chunk_is_the_runners_buffer_itself_until_the_sink_returns() throws IOException {
        byte[] buffer = ascii("..hello..");
        LogChunk chunk = LogChunk.borrowing(StepName.DBT, LogStream.STDOUT, buffer, 2, 5);
        assertThat(written(chunk)).isEqualTo("hello");
        assertThat(new String(chunk.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        buffer[2] = 'J'; // the runner's next read
        assertThat(written(chunk)).isEqualTo("Jello");
    }

    @Test
    void a_copy_of_a_borrowing_chunk_keeps_the_bytes_it_had_when_copied() throws IOException {
        byte[] buffer = ascii("..hello..");
        LogChunk kept = LogChunk.borrowing(StepName.INGESTER, LogStream.STDERR, buffer, 2, 5).copy();
        buffer[2] = 'J';
        assertThat(written(kept)).isEqualTo("hello");
        assertThat(kept.step()).isEqualTo(StepName.INGESTER);
        assertThat(kept.stream()).isEqualTo(LogStream.STDERR);
    }

    @Test
    void a_borrowing_chunk_outside_its_buffer_is_refused() {
        assertThatThrownBy(() -> LogChunk.borrowing(StepName.DBT, LogStream.STDOUT, new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
