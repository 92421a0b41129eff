package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A plain {@link HttpClient} speaking to the API the way the curl examples of docs/api.md do. */
final class ApiClient {

    static final String PATH = "/api/data-analytics/pipeline/trigger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    // HTTP/1.1 as curl speaks it (the JDK's default h2c upgrade attempt is not what clients of this API send)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** {@code curl -X POST -H "Content-Type: application/json" -d BODY}. */
    Answer trigger(String json) {
        return send(request(PATH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Answer post(String pathAndQuery, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = request(pathAndQuery).POST(body);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    Answer job(String jobId) {
        return get(PATH + "?jobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
    }

    Answer jobs() {
        return get(PATH);
    }

    Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    /** Any call with any headers; {@code body} null sends none. */
    Answer call(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder builder = request(pathAndQuery).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    Answer method(String method, String pathAndQuery) {
        return send(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The ids of every job the server lists, newest first. */
    List<String> jobIds() {
        Answer answer = jobs();
        List<String> ids = new ArrayList<>();
        answer.json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }

    /** Polls the job until it is no longer running (or the timeout passes) and returns its last view. */
    JsonNode awaitFinished(String jobId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode view = job(jobId).json();
            if (!"running".equals(view.path("status").asText()) || Instant.now().isAfter(deadline)) {
                return view;
            }
            Thread.sleep(10);
        }
    }

    JsonNode awaitFinished(String jobId) throws InterruptedException {
        return awaitFinished(jobId, Duration.ofSeconds(10));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // every answer is held to the OpenAPI document (docs/api.md)
            OpenApiContract.check(response);
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One HTTP answer: status, headers and the raw body, parsed on demand. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        String error() {
            return json().path("error").asText();
        }
    }
}
