package io.pipelinetrigger.app.http;

import io.pipelinetrigger.rest.PipelineTriggerFeature;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Jersey, HK2, Jackson and Grizzly loaded and initialised on a thread of their own while the job store opens on
 * the main thread (docs/performance.md, "Start-up"): it builds the server's application, over an API that answers
 * nothing, and a Grizzly server that never listens, then drops both. Only the classes stay. The real server is
 * built after {@link #await()}, so no two threads initialise the framework's classes at once, and nothing is
 * served before the store is ready.
 */
public final class FrameworkWarmUp {

    private static final System.Logger LOG = System.getLogger(FrameworkWarmUp.class.getName());

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean gotThrough;

    private FrameworkWarmUp() {
    }

    /** Starts warming up; {@code console} as the server will be started. */
    public static FrameworkWarmUp begin(boolean console) {
        FrameworkWarmUp warmUp = new FrameworkWarmUp();
        Thread thread = new Thread(() -> warmUp.run(console), "pipeline-trigger-warm-up");
        thread.setDaemon(true);
        thread.start();
        return warmUp;
    }

    /** Returns when the warm-up has ended: true when it got through (false is only a lost head start). */
    public boolean await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return gotThrough;
    }

    private void run(boolean console) {
        try {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    PipelineServer.application(idleApi(), console, List.of()), false);
            server.shutdownNow();
            gotThrough = true;
        } catch (RuntimeException | LinkageError e) {
            // only a head start is lost: the real server loads the same classes itself and reports what fails
            LOG.log(System.Logger.Level.DEBUG, "framework warm-up did not get through: " + e);
        } finally {
            done.countDown();
        }
    }

    /** The API's resources and filters, with use cases that are never called (nothing is served). */
    private static PipelineTriggerFeature idleApi() {
        return new PipelineTriggerFeature((command, key) -> {
            throw new IllegalStateException("warm-up only");
        }, id -> {
            throw new IllegalStateException("warm-up only");
        }, filter -> {
            throw new IllegalStateException("warm-up only");
        }, id -> {
            throw new IllegalStateException("warm-up only");
        }, true);
    }
}
