package io.pipelinetrigger.app.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an env file the way operators write docker compose {@code .env} files: {@code KEY=VALUE} lines,
 * {@code #} comments, blank lines, an optional {@code export } prefix, single quotes (literal) and double
 * quotes (with {@code \n \t \r \\ \" \$} escapes). Values are taken literally: no {@code ${VAR}} expansion.
 * A later line wins over an earlier one with the same key.
 */
final class EnvFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private EnvFile() {
    }

    /**
     * @param variable the variable or argument that named the file, for the error sentence
     * @throws ConfigException when the file cannot be read or a line is malformed (the sentence names file and line)
     */
    static Map<String, String> read(Path file, String variable) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(variable + " names the env file " + file + ", which does not exist.");
        } catch (CharacterCodingException e) {
            throw new ConfigException("The env file " + file + " (from " + variable + ") is not valid UTF-8 text.");
        } catch (IOException e) {
            throw new ConfigException(variable + " names the env file " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        return parse(lines, file.toString());
    }

    /** Parses the lines of a file called {@code source} (used in error sentences only). */
    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? stripByteOrderMark(lines.get(i)) : lines.get(i);
            parseLine(line.strip(), source, i + 1, values);
        }
        return Collections.unmodifiableMap(values);
    }

    private static void parseLine(String line, String source, int number, Map<String, String> values) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("export ") || line.startsWith("export\t")) {
            line = line.substring("export".length()).strip();
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw malformed(source, number, "expected KEY=VALUE");
        }
        String key = line.substring(0, equals).strip();
        if (!KEY.matcher(key).matches()) {
            throw malformed(source, number,
                    "the name before '=' must start with a letter or '_' and hold only letters, digits, '_', '.' or '-'");
        }
        values.put(key, value(line.substring(equals + 1).strip(), source, number));
    }

    private static String value(String raw, String source, int number) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw malformed(source, number, "the single quote is not closed");
            }
            requireOnlyCommentAfter(raw.substring(end + 1), source, number);
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw, source, number);
        }
        return unquoted(raw);
    }

    private static String doubleQuoted(String raw, String source, int number) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                requireOnlyCommentAfter(raw.substring(i + 1), source, number);
                return value.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\\', '"', '$' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        throw malformed(source, number, "the double quote is not closed");
    }

    /** An unquoted value ends at a {@code #} that follows whitespace (a trailing comment), as in compose. */
    private static String unquoted(String raw) {
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw.startsWith("#") ? "" : raw;
    }

    private static void requireOnlyCommentAfter(String rest, String source, int number) {
        String trimmed = rest.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            throw malformed(source, number, "only a # comment may follow the closing quote");
        }
    }

    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    // the line's text is not repeated: env files hold secrets
    private static ConfigException malformed(String source, int number, String what) {
        return new ConfigException("The env file " + source + " has a malformed line " + number + ": " + what + ".");
    }
}
