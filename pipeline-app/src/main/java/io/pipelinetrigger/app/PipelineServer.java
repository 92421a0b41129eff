package io.pipelinetrigger.app;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.rest.PipelineTriggerFeature;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Grizzly serving one Jersey application: the pipeline API, registered as an instance, nothing scanned. */
final class PipelineServer {

    private static final System.Logger LOG = System.getLogger(PipelineServer.class.getName());

    private final HttpServer server;
    private final String host;

    private PipelineServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Binds and starts; {@code port} 0 takes a free port, which {@link #port()} then tells. */
    static PipelineServer start(String host, int port, PipelineTrigger trigger, boolean apiEnabled) {
        ResourceConfig application = new ResourceConfig()
                .register(PipelineTriggerFeature.of(trigger, apiEnabled))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        URI uri = URI.create("http://" + Hosts.forUri(host) + ":" + port + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, application, false);
        server.getListeners().forEach(listener -> listener.registerAddOn(new H2cUpgradeAsHttp11()));
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + uri.getHost() + ":" + port + " (" + e.getMessage() + ")", e);
        }
        return new PipelineServer(server, host);
    }

    /** The port really bound (differs from the configured one when that was 0). */
    int port() {
        return server.getListeners().iterator().next().getPort();
    }

    URI uri() {
        return URI.create("http://" + Hosts.forUri(host) + ":" + port());
    }

    /** Stops accepting connections, lets requests in flight finish for up to {@code grace}, then closes. */
    void stop(Duration grace) {
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop within " + grace + "; closing it now");
        } finally {
            server.shutdownNow();
        }
    }
}
