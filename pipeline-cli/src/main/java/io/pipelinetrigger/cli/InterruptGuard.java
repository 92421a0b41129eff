package io.pipelinetrigger.cli;

/**
 * Ctrl-C while waiting for a run: on a terminal it asks whether to cancel the run; elsewhere it only stops
 * waiting. Either way it says which it did and exits 130. A shutdown hook, because SIGINT runs those and
 * the JDK has no supported signal handler.
 */
final class InterruptGuard implements AutoCloseable {

    private final Thread hook;

    private InterruptGuard(Thread hook) {
        this.hook = hook;
    }

    static InterruptGuard none() {
        return new InterruptGuard(null);
    }

    static InterruptGuard install(Session session, String jobId) {
        Thread hook = new Thread(() -> onInterrupt(session, jobId), "pipeline-trigger-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptGuard(hook);
    }

    private static void onInterrupt(Session session, String jobId) {
        Io io = session.io();
        io.err().println();
        io.err().println("pipeline-trigger: " + decide(session, jobId));
        io.err().flush();
        Runtime.getRuntime().halt(ExitCodes.CANCELLED);
    }

    /** Asks (on a terminal only), cancels when told to, and says which it did. */
    static String decide(Session session, String jobId) {
        Io io = session.io();
        boolean cancel = io.terminal() && io.ask().apply("Cancel run " + jobId + " too? [y/N] ")
                .map(answer -> answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")).orElse(false);
        if (!cancel) {
            return "stopped waiting; " + jobId + " goes on (not cancelled): pipeline-trigger wait " + jobId;
        }
        try {
            Reply reply = session.api().cancel(jobId);
            return reply.ok() ? "stopped waiting and asked the server to cancel " + jobId
                    : "stopped waiting; the server did not cancel " + jobId + " (" + reply.status() + ")";
        } catch (CliException e) {
            return "stopped waiting; could not cancel " + jobId + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs, and it decides
        }
    }
}
