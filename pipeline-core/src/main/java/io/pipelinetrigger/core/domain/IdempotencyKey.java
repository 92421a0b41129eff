package io.pipelinetrigger.core.domain;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} and a fingerprint of the request it came with: a retry with the same key
 * and the same request gets the first job back; the same key with another request is refused.
 */
public record IdempotencyKey(String key, String requestFingerprint) {

    public static final int MAX_KEY_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidRequestException("The Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters.");
        }
    }
}
