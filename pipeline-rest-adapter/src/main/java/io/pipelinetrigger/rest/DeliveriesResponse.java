package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;

import java.time.Instant;
import java.util.List;

/** {@code GET .../deliveries?jobId=}: the webhook messages of a job and each attempt (docs/webhooks.md). */
@JsonPropertyOrder({"success", "jobId", "deliveries"})
record DeliveriesResponse(boolean success, String jobId, List<DeliveryView> deliveries) implements ResponseBody {

    DeliveriesResponse {
        deliveries = List.copyOf(deliveries);
    }

    @JsonPropertyOrder({"eventId", "event", "endpoint", "state", "createdAt", "nextAttemptAt", "attempts"})
    record DeliveryView(String eventId, String event, String endpoint, String state, String createdAt,
                        String nextAttemptAt, List<AttemptView> attempts) {
    }

    @JsonPropertyOrder({"number", "at", "statusCode", "error"})
    record AttemptView(int number, String at, Integer statusCode, String error) {
    }

    static DeliveriesResponse of(String jobId, List<Delivery> deliveries) {
        return new DeliveriesResponse(true, jobId, deliveries.stream().map(DeliveriesResponse::view).toList());
    }

    private static DeliveryView view(Delivery delivery) {
        return new DeliveryView(delivery.message().eventId(), delivery.message().eventType(),
                Endpoints.shown(delivery.message().endpoint()), delivery.state(),
                delivery.message().createdAt().toString(),
                delivery.nextAttemptAt().map(Instant::toString).orElse(null),
                delivery.attempts().stream().map(DeliveriesResponse::view).toList());
    }

    private static AttemptView view(DeliveryAttempt attempt) {
        return new AttemptView(attempt.number(), attempt.at().toString(),
                attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null,
                attempt.error().orElse(null));
    }

    /** An endpoint as shown: scheme, host, port and path; its query (where a URL often carries a token) is hidden. */
    static final class Endpoints {
        private Endpoints() {
        }

        static String shown(java.net.URI endpoint) {
            String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority().replaceFirst("^.*@", "")
                    + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
            return endpoint.getRawQuery() == null ? base : base + "?…";
        }
    }
}
