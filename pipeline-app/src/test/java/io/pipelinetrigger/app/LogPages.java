package io.pipelinetrigger.app;

import io.pipelinetrigger.rest.OpenApiContract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's {@code /log} read by offset in pages (64 KiB unless told), as a script follows a run (docs/api.md, "Read
 * the whole log"): each page from where the last one left off, on whichever server is up, their text kept in order.
 */
final class LogPages {

    static final int PAGE_BYTES = 65_536;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final String jobId;
    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private long offset;
    private int count;
    private boolean more = true;

    LogPages(String jobId) {
        this(jobId, PAGE_BYTES);
    }

    /** Pages of at most {@code limit} bytes of raw log each. */
    LogPages(String jobId, int limit) {
        this.jobId = jobId;
        this.limit = limit;
    }

    /** Reads on from {@code base} until the text read so far contains {@code tail}. */
    void readUntil(URI base, String tail) throws IOException, InterruptedException {
        read(base, () -> text.indexOf(tail) >= 0, "reach " + tail.strip());
    }

    /** Reads on from {@code base} until a page says {@code X-Log-More: false}. */
    void readToEnd(URI base) throws IOException, InterruptedException {
        read(base, () -> !more, "end");
    }

    /** The text of the pages read so far. */
    String text() {
        return text.toString();
    }

    /** Where the next page starts: the raw bytes of log read so far. */
    long offset() {
        return offset;
    }

    /** The pages read so far that held something. */
    int count() {
        return count;
    }

    /** What the last page said in {@code X-Log-More}. */
    boolean more() {
        return more;
    }

    private void read(URI base, BooleanSupplier done, String what) throws IOException, InterruptedException {
        LogFollower server = new LogFollower(base);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            HttpResponse<String> page = server.get(LogFollower.P + "/log?jobId=" + jobId + "&offset=" + offset
                    + "&limit=" + limit);
            assertThat(page.statusCode()).as("a log page at %s, byte %d: %s", base, offset, page.body()).isEqualTo(200);
            // every answer is held to the OpenAPI document (docs/api.md)
            OpenApiContract.check(page);
            long next = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
            assertThat(next - offset).as("raw bytes of the page at %d", offset).isBetween(0L, (long) limit);
            text.append(page.body());
            more = Boolean.parseBoolean(page.headers().firstValue("X-Log-More").orElseThrow());
            count += next > offset ? 1 : 0;
            if (next == offset && more) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the log of " + jobId + " did not " + what + " by /log pages within "
                            + PATIENCE + "; it ends with: " + text.substring(Math.max(0, text.length() - 80)));
                }
                JarServer.sleep(100); // nothing new yet: ask again shortly, as a script would
            }
            offset = next;
            if (!more && !done.getAsBoolean()) {
                throw new AssertionError("the log of " + jobId + " ended at byte " + offset + " without a page to "
                        + what + "; it ends with: " + text.substring(Math.max(0, text.length() - 80)));
            }
        }
    }
}
