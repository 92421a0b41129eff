package io.pipelinetrigger.core.domain;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes captured output safe to hand out as data: ANSI escape sequences (colours, cursor moves, window titles)
 * are removed, every other control character but newline, carriage return and tab is shown escaped
 * ({@code \x07}), and configured secret values are replaced by {@code [REDACTED]}.
 */
public final class OutputSanitizer {

    public static final String REDACTED = "[REDACTED]";

    /** Does nothing: for embedders who want the raw text. */
    public static final OutputSanitizer NONE = new OutputSanitizer(false, Set.of());

    /** CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences. */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]|\u009B[0-?]*[ -/]*[@-~]");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\x80-\\x9F]");

    private final boolean cleanControls;
    private final List<String> secrets;

    private OutputSanitizer(boolean cleanControls, Set<String> secrets) {
        this.cleanControls = cleanControls;
        // longest first, so a secret that contains another is replaced whole
        this.secrets = secrets.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** Strips and escapes control sequences, and redacts each of {@code secrets} wherever it appears. */
    public static OutputSanitizer redacting(Set<String> secrets) {
        return new OutputSanitizer(true, Objects.requireNonNull(secrets, "secrets"));
    }

    public String clean(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return cleanControls(result);
    }

    /** The secret values as UTF-8 bytes, for finding them in raw output that is cut into windows. */
    List<byte[]> secretBytes() {
        return secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** How many bytes the longest secret takes (0 without secrets). */
    int longestSecretBytes() {
        return secrets.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
    }

    boolean aSecretHoldsANewline() {
        return secrets.stream().anyMatch(s -> s.indexOf('\n') >= 0);
    }

    /** What {@link #clean} does besides redacting: ANSI sequences stripped, other controls escaped. */
    String cleanControls(String text) {
        if (!cleanControls || !hasControl(text)) {
            return text;
        }
        String result = ANSI.matcher(text).replaceAll("");
        Matcher controls = CONTROL.matcher(result);
        return controls.replaceAll(match -> Matcher.quoteReplacement(String.format("\\x%02x", (int) match.group().charAt(0))));
    }

    /**
     * Whether {@link #CONTROL} matches anywhere: every ANSI sequence starts with one of its characters, so text
     * without one (most output) is already clean and skips both regular expressions (docs/performance.md).
     */
    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\n' && c != '\r' && c != '\t' : c >= 0x7F && c <= 0x9F) {
                return true;
            }
        }
        return false;
    }
}
