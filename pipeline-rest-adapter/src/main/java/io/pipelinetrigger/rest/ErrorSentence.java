package io.pipelinetrigger.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps an error sentence one readable line whatever the client sent: sentences quote the wrong value, and
 * that value may be a kilobyte long or hold control characters. A quoted value over {@value #MAX_QUOTED}
 * characters is shortened, control characters are shown escaped ({@code \x0a}), and the whole sentence is
 * kept under {@value #MAX_LENGTH} characters.
 */
final class ErrorSentence {

    static final int MAX_QUOTED = 64;
    static final int MAX_LENGTH = 400;
    private static final Pattern LONG_QUOTE = Pattern.compile("\"([^\"]{" + (MAX_QUOTED + 1) + ",})\"");

    private ErrorSentence() {
    }

    static String tidy(String sentence) {
        Matcher quoted = LONG_QUOTE.matcher(sentence);
        String shortened = quoted.replaceAll(match ->
                Matcher.quoteReplacement("\"" + match.group(1).substring(0, MAX_QUOTED) + "...\""));
        StringBuilder out = new StringBuilder();
        shortened.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                out.append(String.format("\\x%02x", c));
            } else if (c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH - 20) + "... (shortened).";
    }
}
