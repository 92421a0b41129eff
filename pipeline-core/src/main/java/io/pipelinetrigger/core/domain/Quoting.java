package io.pipelinetrigger.core.domain;

/**
 * How a value that someone typed or sent is shown in an error sentence or a log line: cut short, so a huge or
 * secret value is not echoed whole, and made printable, so one message stays one line. The one place for this;
 * callers choose only the length.
 */
public final class Quoting {

    /** How much of a client's value an error sentence quotes. */
    public static final int QUOTED_LENGTH = 64;

    private Quoting() {
    }

    /** {@code value} in double quotes, cut after {@value #QUOTED_LENGTH} characters. */
    public static String quoted(String value) {
        return quoted(value, QUOTED_LENGTH);
    }

    /** {@code value} in double quotes, cut after {@code maxLength} characters. */
    public static String quoted(String value, int maxLength) {
        return "\"" + shortened(value, maxLength) + "\"";
    }

    /** {@code text} itself when it is at most {@code maxLength} characters long, else its start and "...". */
    public static String shortened(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength) + "...";
    }

    /**
     * Control characters (C0, DEL, C1) shown as {@code \x0a}, line and paragraph separators as {@code \u2028}:
     * whatever arrived, the text is one printable line.
     */
    public static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                out.append(String.format("\\x%02x", c));
            } else if (c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
