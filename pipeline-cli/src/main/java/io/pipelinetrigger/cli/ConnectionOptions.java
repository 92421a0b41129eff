package io.pipelinetrigger.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The options every command has: where the server is, how to authenticate, and JSON for scripts. */
final class ConnectionOptions {

    static final String DEFAULT_URL = "http://localhost:3000";

    @Option(names = "--url", paramLabel = "URL", description = "the server (default: $PIPELINE_URL, else " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $PIPELINE_TOKEN)")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file whose first line is the API token")
    Path tokenFile;

    @Option(names = "--json", description = "print the server's JSON as it is, for scripts")
    boolean json;

    /** @throws CliException exit 64 for a URL that is not http(s) or a token file that cannot be read */
    Session session(Io io) {
        return new Session(new Api(base(io), token(io), io.sleeper()), io, json);
    }

    private URI base(Io io) {
        String given = Optional.ofNullable(url).or(() -> io.env("PIPELINE_URL")).orElse(DEFAULT_URL).trim();
        try {
            URI uri = new URI(given);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(given, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "bad --url '" + given + "': give one like " + DEFAULT_URL);
        }
    }

    private Optional<String> token(Io io) {
        if (token != null && tokenFile != null) {
            throw new CliException(ExitCodes.USAGE, "give --token or --token-file, not both");
        }
        if (tokenFile != null) {
            try {
                return Files.readAllLines(tokenFile).stream().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst()
                        .or(() -> {
                            throw new CliException(ExitCodes.USAGE, "--token-file " + tokenFile + " holds no token");
                        });
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read --token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        return Optional.ofNullable(token).map(String::trim).filter(value -> !value.isEmpty()).or(() -> io.env("PIPELINE_TOKEN"));
    }
}
