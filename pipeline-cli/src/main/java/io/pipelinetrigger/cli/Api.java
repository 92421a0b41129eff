package io.pipelinetrigger.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The trigger API over the JDK's HttpClient. 429 and 503 are retried with growing pauses (the server asked
 * us to come back); a connection that cannot be made is a {@link CliException} with exit 69.
 */
final class Api {

    static final String PATH = "/api/data-analytics/pipeline/trigger";
    private static final int RETRIES = 6;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

    private final HttpClient http;
    private final URI base;
    private final Optional<String> token;
    private final Io.Sleeper sleeper;

    Api(URI base, Optional<String> token, Io.Sleeper sleeper) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.base = base;
        this.token = token;
        this.sleeper = sleeper;
    }

    URI base() {
        return base;
    }

    Reply trigger(String jsonBody, Optional<String> idempotencyKey) {
        HttpRequest.Builder request = request(PATH, Map.of(), Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return send(request.build());
    }

    /** One job; {@code waitSeconds} above 0 asks the server to answer once it ends or after that long. */
    Reply job(String jobId, int waitSeconds, boolean withOutput) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("jobId", jobId);
        if (waitSeconds > 0) {
            query.put("wait", Integer.toString(Math.min(60, waitSeconds)));
        }
        if (!withOutput) {
            query.put("output", "false");
        }
        return send(request(PATH, query, Duration.ofSeconds(waitSeconds + 30L)).GET().build());
    }

    Reply jobs(Map<String, String> filters) {
        return send(request(PATH, filters, Duration.ofSeconds(30)).GET().build());
    }

    Reply cancel(String jobId) {
        return send(request(PATH, Map.of("jobId", jobId), Duration.ofSeconds(30)).DELETE().build());
    }

    Reply log(String jobId, long offset, Optional<String> step) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("jobId", jobId);
        query.put("offset", Long.toString(offset));
        step.ifPresent(name -> query.put("step", name));
        return send(request(PATH + "/log", query, Duration.ofSeconds(60)).GET().build());
    }

    private HttpRequest.Builder request(String path, Map<String, String> query, Duration timeout) {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String prefix = base.toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(prefix + path + (encoded.isEmpty() ? "" : "?" + encoded)))
                .timeout(timeout)
                .header("Accept", "application/json, text/plain")
                .header("User-Agent", "pipeline-trigger-cli/" + Version.number());
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        return builder;
    }

    private Reply send(HttpRequest request) {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 0; ; attempt++) {
            Reply reply = once(request);
            boolean retryable = reply.status() == 429 || reply.status() == 503;
            if (!retryable || attempt == RETRIES) {
                return reply;
            }
            pause(retryAfter(reply).orElse(pause));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private Reply once(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach the server at " + base + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.CANCELLED, "interrupted");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return Optional.ofNullable(e.getMessage()).orElse("the connection was lost (" + e.getClass().getSimpleName() + ")");
    }

    private static Optional<Duration> retryAfter(Reply reply) {
        try {
            return reply.header("Retry-After").map(value -> Duration.ofSeconds(Math.min(60, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: our own backoff will do
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.CANCELLED, "interrupted");
        }
    }
}
