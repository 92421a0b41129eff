package io.pipelinetrigger.app.config;

/**
 * A configuration value that stops start-up. The message is the one sentence an operator sees: it names the
 * variable (or file and line) and says what is allowed.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String sentence) {
        super(sentence);
    }

    ConfigException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
