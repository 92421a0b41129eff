package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Quoting;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps an error sentence one readable line whatever the client sent: sentences quote the wrong value, and
 * that value may be a kilobyte long or hold control characters. A quoted value over {@value #MAX_QUOTED}
 * characters is shortened, control characters are shown escaped ({@code \x0a}), and the whole sentence is
 * kept under {@value #MAX_LENGTH} characters.
 */
final class ErrorSentence {

    static final int MAX_QUOTED = Quoting.QUOTED_LENGTH;
    static final int MAX_LENGTH = 400;
    private static final Pattern LONG_QUOTE = Pattern.compile("\"([^\"]{" + (MAX_QUOTED + 1) + ",})\"");

    private ErrorSentence() {
    }

    static String tidy(String sentence) {
        Matcher quoted = LONG_QUOTE.matcher(sentence);
        String shortened = quoted.replaceAll(match ->
                Matcher.quoteReplacement(Quoting.quoted(match.group(1), MAX_QUOTED)));
        String out = Quoting.escaped(shortened);
        return out.length() <= MAX_LENGTH ? out : out.substring(0, MAX_LENGTH - 20) + "... (shortened).";
    }
}
