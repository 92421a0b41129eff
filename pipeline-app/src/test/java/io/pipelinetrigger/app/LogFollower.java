package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follows a job's log as clients do, on one base address (a replica, or a load balancer in front of them): the
 * event stream to its {@code end} event, {@code /log} page by page while {@code X-Log-More} says more comes.
 */
final class LogFollower {

    static final String P = "/api/data-analytics/pipeline/trigger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    LogFollower(URI base) {
        this.base = base;
    }

    /** Everything the event stream delivers until its end event, which must come and say {@code status}. */
    String events(String jobId, String status) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        try (SseStream stream = SseStream.open(base, P + "/events?jobId=" + jobId)) {
            if (stream.status() != 200) {
                throw new AssertionError("the event stream at " + base + " answered " + stream.status() + ": "
                        + stream.errorBody() + " " + stream.headers().map());
            }
            assertThat(readToEnd(stream, text).path("status").asText()).isEqualTo(status);
            return text.toString();
        }
    }

    /**
     * Appends the data of the stream's log events to {@code text} until its end event, which must come; returns the
     * end's job view.
     */
    static JsonNode readToEnd(SseStream stream, StringBuilder text) throws IOException {
        for (Optional<SseStream.Event> next = stream.next(); next.isPresent(); next = stream.next()) {
            SseStream.Event event = next.get();
            if (event.name().equals("log")) {
                text.append(event.data());
            } else if (event.name().equals("end")) {
                return JSON.readTree(event.data());
            }
        }
        throw new AssertionError("the event stream ended without an end event; got " + text.length() + " characters");
    }

    /** {@code /log} in pages of {@code limit} bytes, as a script follows it, until no more comes. */
    String pages(String jobId, int limit) throws IOException, InterruptedException {
        LogPages pages = new LogPages(jobId, limit);
        pages.readToEnd(base);
        return pages.text();
    }

    /** The whole log as one answer. */
    String whole(String jobId) throws IOException, InterruptedException {
        return get(P + "/log?jobId=" + jobId).body();
    }

    /** A poll with {@code wait=seconds}. */
    JsonNode waited(String jobId, int seconds) throws IOException, InterruptedException {
        return JSON.readTree(get(P + "?jobId=" + jobId + "&wait=" + seconds).body());
    }

    /** Waits (30 s at most) until the whole log contains {@code text}. */
    void awaitLogContains(String jobId, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!whole(jobId).contains(text)) {
            assertThat(System.nanoTime()).as("%s shows %s in time", base, text).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(70)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
