package io.pipelinetrigger.webhook;

import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One POST of a message on the JDK's HttpClient: HTTP/1.1, never following a redirect (a 3xx is a failed attempt,
 * so nothing reaches an address the operator did not configure), signed when a secret is set, bounded by the
 * timeout from connect to the answer's status.
 */
final class HttpPost {

    /** What a POST came to: the status code when the receiver answered, else why not. */
    record Result(OptionalInt statusCode, Optional<String> error) {
    }

    private final HttpClient client;
    private final Optional<WebhookSecret> secret;
    private final Duration timeout;

    HttpPost(Optional<WebhookSecret> secret, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.secret = secret;
        this.timeout = timeout;
    }

    Result send(OutboxMessage message, Instant now) throws InterruptedException {
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(message.endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "pipeline-trigger-webhooks")
                .header("webhook-id", message.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()));
        secret.ifPresent(s -> request.header("webhook-signature", s.sign(message.eventId(), timestamp, message.body())));
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return new Result(OptionalInt.of(status), Optional.empty());
            }
            String why = status / 100 == 3 ? "answered " + status + " (redirects are never followed)"
                    : "answered " + status;
            return new Result(OptionalInt.of(status), Optional.of(why));
        } catch (HttpTimeoutException e) {
            return failed("no answer within " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
                    : timeout.toMillis() + " ms"));
        } catch (ConnectException e) {
            return failed("could not connect to " + hostOf(message.endpoint()));
        } catch (IOException e) {
            return failed("the request failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static Result failed(String why) {
        return new Result(OptionalInt.empty(), Optional.of(why));
    }

    private static String hostOf(URI endpoint) {
        return endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }
}
