package io.pipelinetrigger.cli;

/**
 * The exit codes a script or CI job may rely on (docs/cli.md lists them). Where a convention exists it is
 * followed: 124 as timeout(1), 130 as a shell's Ctrl-C, the rest from BSD's sysexits.h.
 */
final class ExitCodes {

    static final int SUCCEEDED = 0;
    static final int USAGE = 64;
    static final int UNAVAILABLE = 69;
    static final int FAILED = 70;
    static final int BUSY = 75;
    static final int NO_PERMISSION = 77;
    static final int TIMED_OUT = 124;
    static final int CANCELLED = 130;

    private ExitCodes() {
    }

    /** The code for the HTTP status of a refused call. */
    static int forRefusal(int httpStatus) {
        return switch (httpStatus) {
            case 400, 404, 405, 413, 415, 422 -> USAGE;
            case 401, 403 -> NO_PERMISSION;
            case 409 -> BUSY;
            default -> UNAVAILABLE;
        };
    }

    /**
     * The code for an ended job: its outcome when the server tells it, else what its status and exit code
     * imply (a server of the same API version from before {@code outcome} existed).
     */
    static int forJob(JobView job) {
        String outcome = job.outcome().orElseGet(() -> impliedOutcome(job));
        return switch (outcome) {
            case "succeeded" -> SUCCEEDED;
            case "errored" -> ownCode(job.exitCode());
            case "timed_out" -> TIMED_OUT;
            case "cancelled" -> CANCELLED;
            default -> FAILED;
        };
    }

    private static String impliedOutcome(JobView job) {
        return switch (job.status()) {
            case "completed" -> job.exitCode() == 0 ? "succeeded" : "errored";
            case "cancelled" -> "cancelled";
            // before outcome, a step's time limit showed only in the error (and as the killed step's code)
            case "failed" -> job.error().filter(e -> e.contains("timed out")).isPresent() ? "timed_out"
                    : job.exitCode() >= 1 && job.exitCode() <= 255 ? "errored" : "failed";
            default -> "failed";
        };
    }

    // an errored run exits as its step did; a code a process cannot have still must not read as success
    private static int ownCode(int exitCode) {
        return exitCode >= 1 && exitCode <= 255 ? exitCode : FAILED;
    }
}
