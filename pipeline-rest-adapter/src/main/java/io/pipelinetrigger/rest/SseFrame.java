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

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] ESCAPED_RETURN = "\\x0d".getBytes(StandardCharsets.US_ASCII);

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
     * A lone carriage return would end a line for an SSE reader, so it is sent escaped like other controls. The
     * bytes are written straight into one array of the event's exact size: the hub frames every page of a step
     * that prints fast, and each copy more is garbage the collector stops the step's pump for
     * (docs/performance.md, "Many followers of one run"). Newlines and carriage returns are never part of a
     * multi-byte UTF-8 character, so the text is cut at them as bytes.
     */
    static SseFrame log(LogPage page) {
        byte[] text = page.text().getBytes(StandardCharsets.UTF_8);
        byte[] head = ("event: log\nid: " + page.nextOffset() + "\n").getBytes(StandardCharsets.US_ASCII);
        int newlines = 0;
        int returns = 0;
        for (byte b : text) {
            if (b == '\n') {
                newlines++;
            } else if (b == '\r') {
                returns++;
            }
        }
        int lines = newlines + 1;
        byte[] event = new byte[head.length + lines * (DATA.length + 1) + text.length - newlines
                + returns * (ESCAPED_RETURN.length - 1) + 1];
        int at = put(head, event, 0);
        at = put(DATA, event, at);
        int from = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' || text[i] == '\r') {
                System.arraycopy(text, from, event, at, i - from);
                at += i - from;
                at = text[i] == '\n' ? put(DATA, event, put(NEWLINE, event, at)) : put(ESCAPED_RETURN, event, at);
                from = i + 1;
            }
        }
        System.arraycopy(text, from, event, at, text.length - from);
        at += text.length - from;
        event[at++] = '\n';
        event[at] = '\n';
        return new SseFrame(Kind.LOG, event, page.nextOffset(), Optional.empty());
    }

    private static int put(byte[] bytes, byte[] into, int at) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
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
