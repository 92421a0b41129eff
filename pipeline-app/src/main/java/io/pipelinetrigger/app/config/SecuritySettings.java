package io.pipelinetrigger.app.config;

import io.pipelinetrigger.rest.ApiTokens;
import io.pipelinetrigger.rest.PipelineTriggerFeature;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the API and what the output must never show: the API tokens ({@code PIPELINE_API_TOKEN} and
 * the lines of {@code PIPELINE_API_TOKEN_FILE}, both honoured, so a rotation can add the new token in one place
 * while the old one is still in the other), the CORS origins and the extra values to redact.
 *
 * @param warnings    worth a log line, not a stop (a token file that other users can read)
 * @param metricsOpen {@code PIPELINE_METRICS_OPEN}: {@code GET /metrics} needs no token even when tokens are set
 */
public record SecuritySettings(List<String> apiTokens, List<String> corsOrigins, List<String> redact, List<String> warnings,
                               boolean metricsOpen) {

    public SecuritySettings(List<String> apiTokens, List<String> corsOrigins, List<String> redact, List<String> warnings) {
        this(apiTokens, corsOrigins, redact, warnings, false);
    }

    public SecuritySettings {
        apiTokens = List.copyOf(apiTokens);
        corsOrigins = List.copyOf(corsOrigins);
        redact = List.copyOf(redact);
        warnings = List.copyOf(warnings);
    }

    static SecuritySettings read(Variables variables) {
        List<String> warnings = new ArrayList<>();
        Set<String> tokens = new LinkedHashSet<>();
        List<String> inline = variables.commaSeparated(Variables.PIPELINE_API_TOKEN);
        for (int i = 0; i < inline.size(); i++) {
            tokens.add(checkedToken(inline.get(i), Variables.PIPELINE_API_TOKEN + " (token " + (i + 1) + ")"));
        }
        variables.path(Variables.PIPELINE_API_TOKEN_FILE).ifPresent(file -> {
            tokens.addAll(tokenFile(file));
            readableByOthers(file).ifPresent(warnings::add);
        });
        List<String> origins = new ArrayList<>();
        for (String origin : variables.commaSeparated(Variables.PIPELINE_CORS_ORIGINS)) {
            origins.add(checkedOrigin(origin));
        }
        return new SecuritySettings(List.copyOf(tokens), origins, variables.commaSeparated(Variables.PIPELINE_REDACT),
                warnings, variables.bool(Variables.PIPELINE_METRICS_OPEN, false));
    }

    public ApiTokens tokens() {
        return ApiTokens.of(apiTokens);
    }

    private static List<String> tokenFile(Path file) {
        String variable = Variables.PIPELINE_API_TOKEN_FILE;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(variable + " names the token file " + file + ", which does not exist.");
        } catch (CharacterCodingException e) {
            throw new ConfigException("The token file " + file + " (from " + variable + ") is not valid UTF-8 text.");
        } catch (IOException e) {
            throw new ConfigException(variable + " names the token file " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                tokens.add(checkedToken(line, "line " + (i + 1) + " of the token file " + file));
            }
        }
        if (tokens.isEmpty()) {
            throw new ConfigException("The token file " + file + " (from " + variable + ") holds no token; put one"
                    + " token per line, or unset " + variable + ".");
        }
        return tokens;
    }

    // the sentence never repeats the token: it is a secret even when it is a bad one
    private static String checkedToken(String token, String where) {
        if (token.length() < ApiTokens.MIN_LENGTH) {
            throw new ConfigException("The API token in " + where + " has " + token.length() + " characters; a token"
                    + " needs at least " + ApiTokens.MIN_LENGTH + " (make one with: openssl rand -hex 32).");
        }
        if (!token.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new ConfigException("The API token in " + where + " holds a space or a character that is not"
                    + " visible ASCII; use letters, digits and punctuation only (e.g. openssl rand -hex 32).");
        }
        return token;
    }

    private static String checkedOrigin(String origin) {
        try {
            return PipelineTriggerFeature.requireCorsOrigin(origin);
        } catch (IllegalArgumentException wrong) {
            throw new ConfigException(Variables.PIPELINE_CORS_ORIGINS + " must be comma-separated origins such as"
                    + " https://ops.example.com or http://localhost:8080 (scheme, host and port only; no path, no *),"
                    + " got " + Variables.quoted(origin) + ".");
        }
    }

    private static Optional<String> readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of("The token file " + file + " can be read by every user of this machine;"
                        + " restrict it with chmod 600.");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or not readable again: nothing to warn about
        }
        return Optional.empty();
    }

    /** For the start-up log: how many tokens and their ids, never a token. */
    public String describe() {
        return (apiTokens.isEmpty() ? "no API token (the API is open to whoever reaches it)"
                : apiTokens.size() + " API token(s), ids " + String.join(", ", tokens().ids()))
                + (corsOrigins.isEmpty() ? "; no CORS origin" : "; CORS origins " + String.join(", ", corsOrigins))
                + "; " + redact.size() + " value(s) from " + Variables.PIPELINE_REDACT + " redacted from output";
    }
}
