package io.pipelinetrigger.app.run;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.port.out.OutputArchive;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A switch to the store's archive keeps the earlier files readable, and a step going on is moved into the store. */
class ArchiveWithEarlierFilesTest {

    private static final JobId JOB = JobId.of("full-1710460800000-abc123");

    @TempDir
    Path dir;

    private OutputArchive store() {
        return new FileOutputArchive(dir.resolve("store")); // a stand-in: the store's archive keeps the same contract
    }

    private OutputArchive files() {
        return new FileOutputArchive(dir.resolve("files"));
    }

    private static void write(OutputArchive archive, StepName step, String text) {
        try (StepOutputWriter writer = archive.open(JOB, step)) {
            writer.accept(new LogChunk(step, LogStream.STDOUT, text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String read(OutputArchive archive, StepName step) {
        return new String(archive.read(JOB, step, 0, 1000), StandardCharsets.UTF_8);
    }

    @Test
    void aStepOnlyTheFilesHoldIsReadSizedAndReplayedFromThem() {
        write(files(), StepName.INGESTER, "before the switch\n");
        OutputArchive archive = new ArchiveWithEarlierFiles(store(), files());

        assertThat(read(archive, StepName.INGESTER)).isEqualTo("before the switch\n");
        assertThat(archive.bytesKept(JOB, StepName.INGESTER)).isEqualTo(18);
        ByteArrayOutputStream replayed = new ByteArrayOutputStream();
        assertThat(archive.replay(JOB, StepName.INGESTER, chunk -> replayed.writeBytes(chunk.bytes()))).isTrue();
        assertThat(replayed.toString(StandardCharsets.UTF_8)).isEqualTo("before the switch\n");
        assertThat(store().bytesKept(JOB, StepName.INGESTER)).isZero();
    }

    @Test
    void aStepThatGoesOnAfterTheSwitchIsCopiedIntoTheStoreFirstSoItsOffsetsStay() {
        write(files(), StepName.DBT, "first part\n");
        OutputArchive archive = new ArchiveWithEarlierFiles(store(), files());

        write(archive, StepName.DBT, "second part\n");
        files().delete(JOB);

        assertThat(read(store(), StepName.DBT)).isEqualTo("first part\nsecond part\n");
        assertThat(read(archive, StepName.DBT)).isEqualTo("first part\nsecond part\n");
        assertThat(new String(archive.read(JOB, StepName.DBT, 11, 100), StandardCharsets.UTF_8)).isEqualTo("second part\n");
    }

    @Test
    void theStoreWinsForAStepItHoldsAndADeleteRemovesBoth() {
        write(files(), StepName.DBT, "stale\n");
        write(store(), StepName.DBT, "current\n");
        write(files(), StepName.INGESTER, "only in files\n");
        OutputArchive archive = new ArchiveWithEarlierFiles(store(), files());

        assertThat(read(archive, StepName.DBT)).isEqualTo("current\n");
        archive.delete(JOB);

        assertThat(store().bytesKept(JOB, StepName.DBT)).isZero();
        assertThat(files().bytesKept(JOB, StepName.DBT)).isZero();
        assertThat(archive.bytesKept(JOB, StepName.INGESTER)).isZero();
    }
}
