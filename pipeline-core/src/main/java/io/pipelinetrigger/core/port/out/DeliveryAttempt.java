package io.pipelinetrigger.core.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** One try to deliver a message: when, the receiver's status code if it answered, and what went wrong if anything. */
public record DeliveryAttempt(int number, Instant at, OptionalInt statusCode, Optional<String> error) {

    public DeliveryAttempt {
        if (number < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + number);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(error, "error");
    }

    /** A 2xx answer: the receiver has the message. */
    public boolean delivered() {
        return error.isEmpty() && statusCode.isPresent() && statusCode.getAsInt() / 100 == 2;
    }
}
