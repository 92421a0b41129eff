package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real Grizzly server on a free loopback port, serving the API over the real {@link PipelineTrigger} facade
 * on a {@link FakeContainerRunner}, registered the way an embedder would: one {@code register} of the feature.
 */
final class ApiServer implements AutoCloseable {

    private final FakeContainerRunner runner;
    private final PipelineTrigger trigger;
    private final HttpServer server;
    private final ApiClient client;

    private ApiServer(FakeContainerRunner runner, UnaryOperator<PipelineTriggerFeature.Builder> options) {
        this(runner, UnaryOperator.identity(), options);
    }

    private ApiServer(FakeContainerRunner runner, UnaryOperator<PipelineTrigger.Builder> facade,
                      UnaryOperator<PipelineTriggerFeature.Builder> options) {
        this.runner = runner;
        this.trigger = facade.apply(PipelineTrigger.builder().containerRunner(runner).stopGrace(Duration.ofMillis(100)))
                .build();
        ResourceConfig config = new ResourceConfig().register(options.apply(PipelineTriggerFeature.builder(trigger)).build());
        this.server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        // as the packaged server does (docs/architecture.md, "The event stream"): a connection queues at most 64 KiB
        // before its writer waits for the client, so a client that stops reading holds its follower up soon
        server.getListeners().forEach(listener -> listener.getTransport().getAsyncQueueIO().getWriter()
                .setMaxPendingBytesPerConnection(64 * 1024));
        int port = server.getListeners().stream().mapToInt(NetworkListener::getPort).findFirst().orElseThrow();
        this.client = new ApiClient(URI.create("http://127.0.0.1:" + port));
    }

    static ApiServer enabled(FakeContainerRunner runner) {
        return new ApiServer(runner, options -> options.apiEnabled(true));
    }

    static ApiServer disabled(FakeContainerRunner runner) {
        return new ApiServer(runner, options -> options.apiEnabled(false));
    }

    /** The feature built with {@code options} (the API is disabled unless they enable it). */
    static ApiServer with(FakeContainerRunner runner, UnaryOperator<PipelineTriggerFeature.Builder> options) {
        return new ApiServer(runner, options);
    }

    /** The facade built with {@code facade} (an output archive, a sanitizer...), the API enabled with {@code options}. */
    static ApiServer with(FakeContainerRunner runner, UnaryOperator<PipelineTrigger.Builder> facade,
                          UnaryOperator<PipelineTriggerFeature.Builder> options) {
        return new ApiServer(runner, facade, options);
    }

    ApiClient client() {
        return client;
    }

    FakeContainerRunner runner() {
        return runner;
    }

    /** The facade behind the API, for what only the server itself does (firing its schedules). */
    PipelineTrigger facade() {
        return trigger;
    }

    @Override
    public void close() {
        try {
            server.shutdownNow();
        } finally {
            trigger.close();
        }
    }
}
