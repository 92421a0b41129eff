package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pipelinetrigger.rest.OpenApiContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The seed's curl examples, in Java: POST a trigger, GET a job, poll until it is no longer running. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/data-analytics/pipeline/trigger";

    // the default version on purpose: it asks for an h2c upgrade on every request, as Java clients of the API will
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port + PATH;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer trigger(String json) {
        return send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer job(String jobId) {
        return send(HttpRequest.newBuilder(URI.create(base + "?jobId=" + jobId)).GET());
    }

    Answer jobs() {
        return send(HttpRequest.newBuilder(URI.create(base)).GET());
    }

    /** Polls as the seed's bash loop does, until the status is no longer {@code running}. */
    JsonNode awaitFinished(String jobId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = job(jobId).body();
            if (!job.path("status").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " still running after " + timeout + ": " + job(jobId).body());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // every answer is held to the OpenAPI document (docs/api.md)
            OpenApiContract.check(response);
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
