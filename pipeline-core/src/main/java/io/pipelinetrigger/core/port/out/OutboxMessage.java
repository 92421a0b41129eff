package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One event to deliver to one endpoint, written by the store in the same transaction as the job change that
 * caused it (docs/webhooks.md, "Delivery"). {@code body} is rendered when the event happens, so a retry a day
 * later still tells what was true then.
 */
public record OutboxMessage(String eventId, JobId jobId, String eventType, URI endpoint, String body,
                            Instant createdAt) {

    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
