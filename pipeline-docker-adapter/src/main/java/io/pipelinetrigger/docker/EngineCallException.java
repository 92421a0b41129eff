package io.pipelinetrigger.docker;

import com.github.dockerjava.api.exception.DockerException;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call to the engine went wrong, with docker-java's exception already turned into words: either the
 * engine answered with an HTTP error ({@link #httpStatus()} &gt; 0, {@link #engineMessage()} is its own
 * message) or it did not answer at all ({@link #httpStatus()} is 0). Never leaves the adapter.
 */
final class EngineCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d+: ");

    private final int httpStatus;
    private final String engineMessage;

    private EngineCallException(int httpStatus, String engineMessage, Throwable cause) {
        super(engineMessage, cause);
        this.httpStatus = httpStatus;
        this.engineMessage = engineMessage;
    }

    static EngineCallException from(RuntimeException failure, String dockerHost) {
        if (failure instanceof EngineCallException known) {
            return known;
        }
        if (failure instanceof DockerException answered && answered.getHttpStatus() > 0) {
            return new EngineCallException(answered.getHttpStatus(), messageOf(answered), failure);
        }
        return new EngineCallException(0, "the Docker engine at " + dockerHost + " does not answer ("
                + transportReason(failure) + ")", failure);
    }

    /** The engine did not answer, for a reason found on our side (e.g. our own deadline passed). */
    static EngineCallException noAnswer(String dockerHost, String reason) {
        return new EngineCallException(0, "the Docker engine at " + dockerHost + " does not answer (" + reason + ")", null);
    }

    /** 0 when the engine did not answer. */
    int httpStatus() {
        return httpStatus;
    }

    boolean engineDidNotAnswer() {
        return httpStatus == 0;
    }

    boolean is(int status) {
        return httpStatus == status;
    }

    /** The engine's own words (e.g. {@code No such image: x:1}), or why it could not be reached. */
    String engineMessage() {
        return engineMessage;
    }

    /** The {@code message} of the engine's JSON error body, else the body as it came. */
    static String messageOf(DockerException answered) {
        String body = STATUS_PREFIX.matcher(String.valueOf(answered.getMessage())).replaceFirst("").strip();
        Matcher json = JSON_MESSAGE.matcher(body);
        String message = json.find() ? unescape(json.group(1)) : body;
        message = message.strip();
        return message.isEmpty() ? "HTTP status " + answered.getHttpStatus() : message;
    }

    private static String transportReason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return "no answer before the deadline";
            }
            deepest = t;
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message.strip();
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    String hex = i + 4 < json.length() ? json.substring(i + 1, i + 5) : "";
                    if (hex.matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(escaped); // \" \\ \/
            }
        }
        return out.toString();
    }
}
