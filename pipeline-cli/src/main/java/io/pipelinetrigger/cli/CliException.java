package io.pipelinetrigger.cli;

/** Ends a command with one sentence for the person and the exit code for the script. */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** Whether a retry later may see another answer: the server was unreachable or overloaded. */
    boolean transientFailure() {
        return exitCode == ExitCodes.UNAVAILABLE;
    }
}
