package io.pipelinetrigger.jdbc;

/**
 * The job store could not do what was asked (database unreachable, migration failed, a statement refused).
 * Its message is one sentence for the server log; the SQL error is its cause.
 */
final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }

    /** The innermost message, which names what the driver or database actually refused. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
