package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.LogPage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseFrameTest {

    @Test
    void eachLineOfTheTextIsOneDataLineAndTheIdIsWhereTheNextPageStarts() {
        assertThat(log("first\nsecond", 12)).isEqualTo("event: log\nid: 12\ndata: first\ndata: second\n\n");
    }

    @Test
    void aTextEndingInANewlineEndsWithAnEmptyDataLineSoTheReaderRebuildsTheNewline() {
        assertThat(log("one line\n", 9)).isEqualTo("event: log\nid: 9\ndata: one line\ndata: \n\n");
    }

    @Test
    void aLoneCarriageReturnIsSentEscapedAsItWouldEndALineForAnEventReader() {
        assertThat(log("progress 10%\rprogress 20%\r\ndone", 40))
                .isEqualTo("event: log\nid: 40\ndata: progress 10%\\x0dprogress 20%\\x0d\ndata: done\n\n");
    }

    @Test
    void textBeyondAsciiIsSentAsUtf8() {
        assertThat(log("✓ é 🚀\n", 11)).isEqualTo("event: log\nid: 11\ndata: ✓ é 🚀\ndata: \n\n");
    }

    @Test
    void anEmptyTextIsOneEmptyDataLine() {
        assertThat(log("", 0)).isEqualTo("event: log\nid: 0\ndata: \n\n");
    }

    @Test
    void theFrameSaysWhereTheNextPageStarts() {
        assertThat(SseFrame.log(new LogPage("x", 77, true)).nextOffset()).isEqualTo(77);
    }

    private static String log(String text, long next) {
        SseFrame frame = SseFrame.log(new LogPage(text, next, true));
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }
}
