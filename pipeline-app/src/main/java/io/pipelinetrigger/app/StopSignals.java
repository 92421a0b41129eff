package io.pipelinetrigger.app;

import sun.misc.Signal;

import java.util.List;

/**
 * SIGTERM and SIGINT as a graceful stop that ends with exit code 0. Left to the JVM, a signal runs the shutdown
 * hooks and then exits 128 + the signal's number (143), which systemd and container engines report as a failure
 * although the server stopped as asked. The JVM's shutdown hook stays as the fallback for any other way out.
 */
final class StopSignals {

    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    private static final List<String> GRACEFUL = List.of("TERM", "INT");

    private StopSignals() {
    }

    /** Runs {@code stop} on a signal's own thread, then exits 0 (a second signal while stopping waits for the first). */
    static void onGracefulStop(Runnable stop) {
        for (String name : GRACEFUL) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.log(System.Logger.Level.INFO, "SIG" + name + " received: stopping gracefully");
                    stop.run();
                    System.exit(0);
                });
            } catch (IllegalArgumentException unavailable) {
                // a signal the platform or the JVM (-Xrs) keeps for itself: the shutdown hook still stops the server
                LOG.log(System.Logger.Level.DEBUG, "SIG" + name + " cannot be handled here: " + unavailable.getMessage());
            }
        }
    }
}
