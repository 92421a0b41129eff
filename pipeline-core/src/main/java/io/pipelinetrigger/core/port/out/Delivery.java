package io.pipelinetrigger.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message and what became of it so far: its attempts, oldest first, and when the next one is due (none once it
 * was delivered or given up).
 */
public record Delivery(OutboxMessage message, List<DeliveryAttempt> attempts, Optional<Instant> nextAttemptAt) {

    public Delivery {
        Objects.requireNonNull(message, "message");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** {@code pending}, {@code delivered} or {@code failed} (given up), as {@code GET .../deliveries} shows it. */
    public String state() {
        if (nextAttemptAt.isPresent()) {
            return "pending";
        }
        return !attempts.isEmpty() && attempts.get(attempts.size() - 1).delivered() ? "delivered" : "failed";
    }
}
