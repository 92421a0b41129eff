package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Step;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of {@code GET .../events} as the bytes that go on the wire (docs/api.md, "Follow a run live"). A
 * frame is built once and the same bytes are written to every follower, which is why the stream is written as
 * plain bytes and not through Jersey's SSE writer (docs/architecture.md, "The event stream").
 */
record SseFrame(Kind kind, byte[] bytes, long nextOffset, Optional<StepResponse> step) {

    enum Kind { LOG, STEP, END, COMMENT }

    static final SseFrame HEARTBEAT = comment("keep-alive");

    /**
     * Jersey holds the first {@value #JERSEY_BUFFER_BYTES} bytes of an answer (to give it a Content-Length) and
     * ignores a flush until then; the stream's first line is a comment just longer than that, so the headers and
     * every event after it go out at once (docs/architecture.md, "The event stream").
     */
    static final int JERSEY_BUFFER_BYTES = 8192;

    /** The opening comment, past Jersey's buffer. */
    static SseFrame opening() {
        String padding = " ".repeat(JERSEY_BUFFER_BYTES);
        return comment("pipeline-trigger events" + padding);
    }

    SseFrame {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(step, "step");
    }

    /**
     * A {@code log} event: {@code id} is where the next page starts, each line of the text one {@code data:} line.
     * A lone carriage return would end a line for an SSE reader, so it is sent escaped like other controls.
     */
    static SseFrame log(LogPage page) {
        StringBuilder event = new StringBuilder(page.text().length() + 64);
        event.append("event: log\nid: ").append(page.nextOffset()).append('\n');
        String text = page.text().replace("\r", "\\x0d");
        int start = 0;
        while (true) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            event.append("data: ").append(text, start, end).append('\n');
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return new SseFrame(Kind.LOG, event.append('\n').toString().getBytes(StandardCharsets.UTF_8), page.nextOffset(),
                Optional.empty());
    }

    /** A {@code step} event: the step's view, as in the job view's {@code steps}. */
    static SseFrame step(Step step, WireJson json) {
        StepResponse view = StepResponse.of(step);
        return new SseFrame(Kind.STEP, data("step", json.bytes(view)), -1, Optional.of(view));
    }

    /** The {@code end} event: the job view as the poll answers it, the last event of a stream. */
    static SseFrame end(Job job, WireJson json) {
        return new SseFrame(Kind.END, data("end", json.bytes(JobResponse.of(job))), -1, Optional.empty());
    }

    /** A comment line: readers ignore it; it keeps proxies and clients from timing out an idle stream. */
    static SseFrame comment(String text) {
        return new SseFrame(Kind.COMMENT, (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8), -1, Optional.empty());
    }

    private static byte[] data(String name, byte[] oneLineJson) {
        ByteArrayOutputStream event = new ByteArrayOutputStream(oneLineJson.length + 32);
        event.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        event.writeBytes(oneLineJson);
        event.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
        return event.toByteArray();
    }
}
