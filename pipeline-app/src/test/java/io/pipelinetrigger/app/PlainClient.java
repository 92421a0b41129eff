package io.pipelinetrigger.app;

import io.pipelinetrigger.rest.OpenApiContract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HTTP/1.1 client that sends whatever it is told, with the API token unless told otherwise. */
final class PlainClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Optional<String> token;

    PlainClient(int port, String token) {
        this("http://127.0.0.1:" + port, Optional.of(token));
    }

    private PlainClient(String base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    PlainClient withoutToken() {
        return new PlainClient(base, Optional.empty());
    }

    record Answer(int status, String body) {
    }

    Answer get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    Answer post(String path, String body, String... headers) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
    }

    Answer postJson(String path, String body) {
        return post(path, body, "Content-Type", "application/json");
    }

    Answer postJsonBytes(String path, byte[] body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), "Content-Type", "application/json");
    }

    /** Without Content-Length: the client sends the body chunked. */
    Answer postJsonChunked(String path, byte[] body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                "Content-Type", "application/json");
    }

    Answer call(String method, String pathAndQuery, String body, String... headers) {
        return send(method, pathAndQuery, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
    }

    private Answer send(String method, String pathAndQuery, HttpRequest.BodyPublisher body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        token.ifPresent(value -> all.addAll(List.of("Authorization", "Bearer " + value)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).method(method, body);
        if (!all.isEmpty()) {
            request.headers(all.toArray(String[]::new));
        }
        try {
            HttpResponse<String> response = sendOnALiveConnection(request.build());
            // every answer is held to the OpenAPI document (docs/api.md)
            OpenApiContract.check(response);
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The server closes a connection after a refusal it did not read the body of; a request the client sent on
     * such a pooled connection before it saw the close gets no byte back, was never read, and is sent once more
     * (the JDK client does that itself only for requests without a body).
     */
    private HttpResponse<String> sendOnALiveConnection(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
