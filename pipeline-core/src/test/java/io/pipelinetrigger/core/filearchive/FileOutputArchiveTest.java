package io.pipelinetrigger.core.filearchive;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileOutputArchiveTest {

    private static final JobId JOB = JobId.of("full-1710460800000-abc123");

    @TempDir
    Path directory;

    private static LogChunk chunk(LogStream stream, String text) {
        return new LogChunk(StepName.DBT, stream, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_whole_output_of_a_step_is_kept_in_arrival_order_and_replayed() {
        FileOutputArchive archive = new FileOutputArchive(directory);
        try (StepOutputWriter writer = archive.open(JOB, StepName.DBT)) {
            writer.accept(chunk(LogStream.STDOUT, "out ✓\n"));
            writer.accept(chunk(LogStream.STDERR, "err\n"));
        }
        ByteArrayOutputStream replayed = new ByteArrayOutputStream();

        assertThat(archive.replay(JOB, StepName.DBT, c -> replayed.writeBytes(c.bytes()))).isTrue();

        assertThat(replayed.toString(StandardCharsets.UTF_8)).isEqualTo("out ✓\nerr\n");
        assertThat(archive.bytesKept(JOB, StepName.DBT)).isEqualTo("out ✓\nerr\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(archive.fileOf(JOB, StepName.DBT)).isEqualTo(directory.resolve(JOB.value()).resolve("dbt.log"));
    }

    @Test
    void a_chunk_written_while_the_runners_thread_is_interrupted_is_kept_and_so_is_every_later_one() {
        FileOutputArchive archive = new FileOutputArchive(directory);
        try (StepOutputWriter writer = archive.open(JOB, StepName.DBT)) {
            Thread.currentThread().interrupt();
            try {
                writer.accept(chunk(LogStream.STDOUT, "while interrupted\n"));
            } finally {
                Thread.interrupted();
            }
            writer.accept(chunk(LogStream.STDOUT, "after\n"));
        }

        assertThat(archive.read(JOB, StepName.DBT, 0, 100)).asString(StandardCharsets.UTF_8)
                .isEqualTo("while interrupted\nafter\n");
    }

    @Test
    void a_read_gives_the_bytes_from_an_offset_fewer_at_the_end_and_none_past_it_or_for_a_step_never_archived() {
        FileOutputArchive archive = new FileOutputArchive(directory);
        try (StepOutputWriter writer = archive.open(JOB, StepName.DBT)) {
            writer.accept(chunk(LogStream.STDOUT, "0123456789"));
            assertThat(archive.read(JOB, StepName.DBT, 2, 3)).isEqualTo("234".getBytes(StandardCharsets.UTF_8));
            writer.accept(chunk(LogStream.STDOUT, "abc"));
        }

        assertThat(archive.read(JOB, StepName.DBT, 8, 100)).isEqualTo("89abc".getBytes(StandardCharsets.UTF_8));
        assertThat(archive.read(JOB, StepName.DBT, 13, 100)).isEmpty();
        assertThat(archive.read(JOB, StepName.DBT, 20, 100)).isEmpty();
        assertThat(archive.read(JOB, StepName.INGESTER, 0, 100)).isEmpty();
    }

    @Test
    void a_reopened_step_appends_where_it_was() {
        FileOutputArchive archive = new FileOutputArchive(directory);
        try (StepOutputWriter writer = archive.open(JOB, StepName.DBT)) {
            writer.accept(chunk(LogStream.STDOUT, "before restart\n"));
        }
        try (StepOutputWriter writer = new FileOutputArchive(directory).open(JOB, StepName.DBT)) {
            writer.accept(chunk(LogStream.STDOUT, "after restart\n"));
        }

        assertThat(archive.bytesKept(JOB, StepName.DBT)).isEqualTo(29);
    }

    @Test
    void a_step_with_nothing_kept_replays_nothing() {
        FileOutputArchive archive = new FileOutputArchive(directory);

        assertThat(archive.replay(JOB, StepName.INGESTER, c -> { throw new AssertionError("no chunk expected"); })).isFalse();
        assertThat(archive.bytesKept(JOB, StepName.INGESTER)).isZero();
    }

    @Test
    void deleting_a_job_removes_its_files_and_nothing_else() {
        FileOutputArchive archive = new FileOutputArchive(directory);
        JobId other = JobId.of("dbt-1710460800000-zzz999");
        archive.open(JOB, StepName.INGESTER).close();
        archive.open(JOB, StepName.DBT).close();
        archive.open(other, StepName.DBT).close();

        archive.delete(JOB);

        assertThat(Files.exists(directory.resolve(JOB.value()))).isFalse();
        assertThat(Files.exists(archive.fileOf(other, StepName.DBT))).isTrue();
    }
}
