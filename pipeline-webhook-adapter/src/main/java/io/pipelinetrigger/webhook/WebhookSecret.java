package io.pipelinetrigger.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The signing key of the Standard Webhooks specification (docs/webhooks.md, "Signature"): given as
 * {@code whsec_<base64 key>}; a message is signed as {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">}.
 */
public final class WebhookSecret {

    private static final String PREFIX = "whsec_";
    /** The specification's libraries accept 24 to 64 bytes; fewer is too weak to sign with. */
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException saying what a key looks like, never repeating the value */
    public static WebhookSecret parse(String value) {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by a base64 key of " + MIN_BYTES
                    + " to " + MAX_BYTES + " bytes (e.g. from: openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key after whsec_ is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("the key after whsec_ has " + key.length + " bytes; it needs "
                    + MIN_BYTES + " to " + MAX_BYTES);
        }
        return new WebhookSecret(key);
    }

    /** The value of the {@code webhook-signature} header. */
    public String sign(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[whsec_…]";
    }
}
