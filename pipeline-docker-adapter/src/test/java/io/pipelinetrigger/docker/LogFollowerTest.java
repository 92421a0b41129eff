package io.pipelinetrigger.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFollowerTest {

    private final List<LogChunk> chunks = new ArrayList<>();
    private final LogFollower follower = new LogFollower(JobId.of("dbt-1710460800000-abc123"), StepName.DBT, chunks::add);

    @Test
    void a_frame_buffer_reused_by_docker_java_does_not_change_what_was_handed_on() {
        byte[] reused = "first".getBytes(StandardCharsets.UTF_8);
        follower.onNext(new Frame(StreamType.STDOUT, reused));
        Arrays.fill(reused, (byte) 'X');
        follower.onNext(new Frame(StreamType.STDERR, reused));

        assertThat(chunks).extracting(chunk -> new String(chunk.bytes(), StandardCharsets.UTF_8)).containsExactly("first", "XXXXX");
        assertThat(chunks).extracting(LogChunk::stream).containsExactly(LogStream.STDOUT, LogStream.STDERR);
        assertThat(chunks).allMatch(chunk -> chunk.step() == StepName.DBT);
    }

    @Test
    void a_stream_opened_again_skips_the_replayed_bytes_already_handed_on_also_inside_a_frame() {
        follower.onNext(new Frame(StreamType.STDOUT, bytes("one\n")));
        follower.onNext(new Frame(StreamType.STDERR, bytes("tw")));
        LogFollower continued = follower.continued();

        continued.onNext(new Frame(StreamType.STDOUT, bytes("one\n"))); // the engine replays from the start
        continued.onNext(new Frame(StreamType.STDERR, bytes("two\n")));
        continued.onNext(new Frame(StreamType.STDOUT, bytes("three\n")));

        assertThat(chunks).extracting(chunk -> new String(chunk.bytes(), StandardCharsets.UTF_8))
                .containsExactly("one\n", "tw", "o\n", "three\n");
        assertThat(chunks).extracting(LogChunk::stream)
                .containsExactly(LogStream.STDOUT, LogStream.STDERR, LogStream.STDERR, LogStream.STDOUT);
        assertThat(continued.firstStderrLine()).isEqualTo("two");
    }

    @Test
    void a_stream_opened_again_that_broke_before_its_replay_caught_up_hands_on_nothing_twice() {
        follower.onNext(new Frame(StreamType.STDOUT, bytes("abcdef")));
        LogFollower second = follower.continued();
        second.onNext(new Frame(StreamType.STDOUT, bytes("abc"))); // broke off again inside the replay
        LogFollower third = second.continued();

        third.onNext(new Frame(StreamType.STDOUT, bytes("abcdefgh")));

        assertThat(chunks).extracting(chunk -> new String(chunk.bytes(), StandardCharsets.UTF_8))
                .containsExactly("abcdef", "gh");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void raw_frames_count_as_stdout_and_stdin_frames_are_dropped() {
        follower.onNext(new Frame(StreamType.RAW, new byte[]{'r'}));
        follower.onNext(new Frame(StreamType.STDIN, new byte[]{'i'}));

        assertThat(chunks).extracting(LogChunk::stream).containsExactly(LogStream.STDOUT);
    }

    @Test
    void a_failing_sink_does_not_stop_the_stream() {
        List<LogChunk> kept = new ArrayList<>();
        LogFollower picky = new LogFollower(JobId.of("dbt-1710460800000-abc123"), StepName.DBT, chunk -> {
            if (chunk.length() == 1) {
                throw new IllegalStateException("sink broke");
            }
            kept.add(chunk);
        });

        picky.onNext(new Frame(StreamType.STDOUT, new byte[]{'a'}));
        picky.onNext(new Frame(StreamType.STDOUT, new byte[]{'b', 'c'}));

        assertThat(kept).hasSize(1);
        assertThat(picky.bytesSeen()).isEqualTo(3);
    }

    @Test
    void the_first_stderr_line_is_kept_for_telling_a_program_that_never_ran() {
        follower.onNext(new Frame(StreamType.STDOUT, "out\n".getBytes(StandardCharsets.UTF_8)));
        follower.onNext(new Frame(StreamType.STDERR, "[FATAL tini (7)] exec x ".getBytes(StandardCharsets.UTF_8)));
        follower.onNext(new Frame(StreamType.STDERR, "failed: No such file\nlater\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(follower.firstStderrLine()).isEqualTo("[FATAL tini (7)] exec x failed: No such file");
    }

    @Test
    void an_ended_stream_is_reported_as_ended() throws Exception {
        follower.onComplete();

        assertThat(follower.awaitEnd(Duration.ofMillis(10))).isTrue();
        assertThat(follower.failure()).isEmpty();
    }

    @Test
    void a_stream_that_stays_silent_is_given_up_on() throws Exception {
        assertThat(follower.awaitEnd(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void a_broken_stream_tells_why_but_not_when_we_closed_it_ourselves() throws Exception {
        follower.onError(new IllegalStateException("connection reset"));
        assertThat(follower.failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("connection reset"));

        LogFollower closedByUs = new LogFollower(JobId.of("dbt-1710460800000-abc123"), StepName.DBT, chunks::add);
        closedByUs.close();
        closedByUs.onError(new IllegalStateException("socket closed"));
        assertThat(closedByUs.failure()).isEmpty();
        assertThat(closedByUs.awaitEnd(Duration.ofMillis(10))).isTrue();
    }
}
