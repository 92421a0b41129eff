package io.pipelinetrigger.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens that may call the API. A presented token is checked against every configured one in time
 * that does not depend on how much of it matched: both sides are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, and every configured token is compared, without stopping at a match. A token
 * is named in logs only by its id, a fingerprint that does not reveal it.
 */
public final class ApiTokens {

    /** Shorter tokens are refused: guessing one must be hopeless even without the failure throttle. */
    public static final int MIN_LENGTH = 16;

    private static final ApiTokens NONE = new ApiTokens(List.of());

    private final List<Known> known;

    private ApiTokens(List<Known> known) {
        this.known = List.copyOf(known);
    }

    /** No token: the API is open to whoever reaches it (as docs/security.md, "Without a token", describes). */
    public static ApiTokens none() {
        return NONE;
    }

    /**
     * @param tokens one or more (two while rotating), each at least {@value #MIN_LENGTH} visible ASCII characters
     * @throws IllegalArgumentException naming the position of a token that is too short or holds other characters
     */
    public static ApiTokens of(Collection<String> tokens) {
        List<Known> known = new ArrayList<>();
        int position = 0;
        for (String token : tokens) {
            position++;
            if (token == null || token.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("API token " + position + " is shorter than " + MIN_LENGTH
                        + " characters.");
            }
            if (!isVisibleAscii(token)) {
                throw new IllegalArgumentException("API token " + position
                        + " holds a character that is not visible ASCII (letters, digits, punctuation; no spaces).");
            }
            known.add(new Known(sha256(token), fingerprint(token)));
        }
        return known.isEmpty() ? NONE : new ApiTokens(known);
    }

    /** Whether a token is needed at all. */
    public boolean required() {
        return !known.isEmpty();
    }

    /** The ids of the configured tokens, in the order given. */
    public List<String> ids() {
        return known.stream().map(Known::id).toList();
    }

    /**
     * The id of the configured token equal to {@code presented}, if one is; takes the same time whichever
     * token matched, and whatever prefix of a token a wrong one shares.
     */
    public Optional<String> idOf(String presented) {
        byte[] digest = sha256(presented);
        String match = null;
        for (Known token : known) {
            // no early exit: every configured token is compared, whatever matched before
            boolean equal = MessageDigest.isEqual(digest, token.digest());
            match = equal ? token.id() : match;
        }
        return Optional.ofNullable(match);
    }

    /** A short, stable name for a token in logs: the first 8 hex digits of its SHA-256, never the token. */
    public static String fingerprint(String token) {
        return HexFormat.of().formatHex(sha256(token), 0, 4);
    }

    static boolean isVisibleAscii(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens" + ids(); // ids only: a token never reaches a log through toString
    }

    private record Known(byte[] digest, String id) {
    }
}
