package io.pipelinetrigger.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a command line into words the way a POSIX shell would, without running one: whitespace separates
 * words, single quotes keep everything literal, double quotes allow {@code \" \\ \$ \`} escapes, a backslash
 * outside quotes escapes the next character. Nothing is expanded: {@code $VAR}, globs and pipes stay literal.
 */
final class ShellWords {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** @throws ConfigException naming {@code variable} when a quote is not closed or nothing is left */
    static List<String> split(String line, String variable) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unbalanced(variable, "single quote");
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word, variable);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new ConfigException(variable + " ends with a lone backslash; escape it as \\\\ or quote it.");
                }
                word.append(line.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new ConfigException(variable + " must name a program to run, got an empty command.");
        }
        return List.copyOf(words);
    }

    /** Reads from the opening quote at {@code start}; returns the index of the closing quote. */
    private static int doubleQuoted(String line, int start, StringBuilder word, String variable) {
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        throw unbalanced(variable, "double quote");
    }

    /** Quotes one word so that {@link #split} gives it back unchanged. */
    static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static ConfigException unbalanced(String variable, String quote) {
        return new ConfigException(variable + " has a " + quote + " that is not closed; close it or escape it with a backslash.");
    }
}
