package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedPagesTest {

    private static final JobId JOB = JobId.of("dbt-1710460800000-abc123");
    private static final int PAGE = 64;

    /** An archive of {@code size} letters; it remembers every read asked of it. */
    private static final class Archive implements ReadLogQuery {
        private final List<ReadLogCommand> reads = new ArrayList<>();
        private long size;
        private boolean ended;

        Archive(long size) {
            this.size = size;
        }

        @Override
        public LogPage readLog(ReadLogCommand command) {
            reads.add(command);
            long end = Math.min(size, command.offset() + command.limit());
            String text = "x".repeat((int) (end - command.offset()));
            return new LogPage(text, end, !ended || end < size);
        }
    }

    @Test
    void followersReadingTheSamePageReadTheArchiveOnce() {
        Archive archive = new Archive(1000);
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        SharedPages.Page first = pages.read(JOB, 128, Long.MAX_VALUE);
        SharedPages.Page second = pages.read(JOB, 128, Long.MAX_VALUE);

        assertThat(archive.reads).hasSize(1);
        assertThat(second).isSameAs(first);
        assertThat(text(second)).isEqualTo("event: log\nid: 192\ndata: " + "x".repeat(64) + "\n\n");
    }

    @Test
    void readsEndOnMultiplesOfThePageSizeSoFollowersThatFellBehindAnywhereMeetAfterOnePage() {
        Archive archive = new Archive(1000);
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        SharedPages.Page one = pages.read(JOB, 100, Long.MAX_VALUE);
        SharedPages.Page other = pages.read(JOB, 70, Long.MAX_VALUE);

        assertThat(one.nextOffset()).isEqualTo(128);
        assertThat(other.nextOffset()).isEqualTo(128);
        pages.read(JOB, 128, Long.MAX_VALUE);
        pages.read(JOB, 128, Long.MAX_VALUE);
        assertThat(archive.reads).extracting(ReadLogCommand::offset).containsExactly(100L, 70L, 128L);
    }

    @Test
    void aReadFewerBytesBeforeABoundaryThanACharacterTakesTakesAWholePageSoItNeverEndsInsideOne() {
        Archive archive = new Archive(1000);
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        assertThat(pages.read(JOB, 61, Long.MAX_VALUE).nextOffset()).isEqualTo(125);
        assertThat(pages.read(JOB, 60, Long.MAX_VALUE).nextOffset()).isEqualTo(64);
    }

    @Test
    void aReadStopsAtTheBoundItIsGiven() {
        Archive archive = new Archive(1000);
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        assertThat(pages.read(JOB, 0, 10).nextOffset()).isEqualTo(10);
        assertThat(pages.read(JOB, 0, Long.MAX_VALUE).nextOffset()).isEqualTo(64);
    }

    @Test
    void aReadThatFoundNothingNewIsNotKeptSoTheNextOneSeesWhatCameSince() {
        Archive archive = new Archive(64);
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        SharedPages.Page nothing = pages.read(JOB, 64, Long.MAX_VALUE);
        archive.size = 100;
        SharedPages.Page more = pages.read(JOB, 64, Long.MAX_VALUE);

        assertThat(nothing.frame()).isEmpty();
        assertThat(nothing.nextOffset()).isEqualTo(64);
        assertThat(more.nextOffset()).isEqualTo(100);
    }

    @Test
    void theOldestPagesAreLetGoBeyondTheBound() {
        Archive archive = new Archive(10_000);
        // room for about two framed pages
        SharedPages pages = new SharedPages(archive, PAGE, 200);

        pages.read(JOB, 0, Long.MAX_VALUE);
        pages.read(JOB, 64, Long.MAX_VALUE);
        pages.read(JOB, 128, Long.MAX_VALUE);
        pages.read(JOB, 128, Long.MAX_VALUE);
        pages.read(JOB, 0, Long.MAX_VALUE);

        assertThat(archive.reads).extracting(ReadLogCommand::offset).containsExactly(0L, 64L, 128L, 0L);
    }

    @Test
    void theEndOfAnEndedLogIsSaid() {
        Archive archive = new Archive(100);
        archive.ended = true;
        SharedPages pages = new SharedPages(archive, PAGE, 1024);

        assertThat(pages.read(JOB, 0, Long.MAX_VALUE).more()).isTrue();
        assertThat(pages.read(JOB, 64, Long.MAX_VALUE).more()).isFalse();
    }

    private static String text(SharedPages.Page page) {
        return new String(page.frame().orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
