package io.pipelinetrigger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** One answer of the server: status, headers and the body's bytes as they came. */
record Reply(int status, HttpHeaders headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        Objects.requireNonNull(headers, "headers");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** @throws CliException exit 69 when a 2xx body is not JSON: that is not a server of this API */
    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "the server answered " + status + " with a body that is not JSON; is --url a pipeline-trigger server?");
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot read the server's answer: " + e.getMessage());
        }
    }

    /** The refusal as one sentence and its exit code: the server's own {@code error} when it gave one. */
    CliException refusal() {
        String reason;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            reason = error.isTextual() ? error.asText() : "";
        } catch (java.io.IOException | RuntimeException e) {
            reason = "";
        }
        if (reason.isEmpty()) {
            reason = switch (status) {
                case 401 -> "a token is needed: --token, --token-file or PIPELINE_TOKEN";
                case 403 -> "forbidden: the token is not accepted, or the server's API is disabled";
                default -> "no reason given";
            };
        }
        return new CliException(ExitCodes.forRefusal(status), "the server refused (" + status + "): " + reason);
    }
}
