package io.pipelinetrigger.app;

import io.pipelinetrigger.rest.OpenApiContract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reader of {@code text/event-stream} as the SSE specification parses it: {@code data:} lines joined with a
 * newline, the last event id kept, comments counted. What a browser's {@code fetch} reader in docs/api.md does.
 */
final class SseStream implements AutoCloseable {

    record Event(String name, Optional<String> id, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final Optional<String> errorBody;
    private final BufferedReader reader;
    private final List<String> comments = new ArrayList<>();

    private SseStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        // every answer is held to the OpenAPI document (docs/api.md): an error whole, a stream event by event
        this.errorBody = OpenApiContract.checkStreamed(response);
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    static SseStream open(URI base, String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    String errorBody() {
        return errorBody.orElseThrow(() -> new AssertionError("HTTP " + status() + " is the event stream, not an error"));
    }

    List<String> comments() {
        return comments;
    }

    /** Reads on until the next comment line (skipping events), or empty when the stream ended. */
    Optional<String> nextComment() throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
                return Optional.of(line.substring(1).strip());
            }
        }
        return Optional.empty();
    }

    /** The next event, its data held to the schema the OpenAPI document names for it; empty when the stream ended. */
    Optional<Event> next() throws IOException {
        String name = "message";
        Optional<String> id = Optional.empty();
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    OpenApiContract.checkEvent(name, data.toString());
                    return Optional.of(new Event(name, id, data.toString()));
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = Optional.of(value);
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
