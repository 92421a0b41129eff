package io.pipelinetrigger.app.http;

import io.pipelinetrigger.rest.PipelineTriggerFeature;
import jakarta.ws.rs.core.Feature;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Grizzly serving one Jersey application: the pipeline API (and its health check), registered as instances,
 * nothing scanned, with the client limits of {@link HttpLimits}.
 */
public final class PipelineServer {

    private static final System.Logger LOG = System.getLogger(PipelineServer.class.getName());

    static {
        SocketWriteBuffers.boundEachWrite();
    }

    private final HttpServer server;
    private final String host;
    private final ScheduledExecutorService timer;

    private PipelineServer(HttpServer server, String host, ScheduledExecutorService timer) {
        this.server = server;
        this.host = host;
        this.timer = timer;
    }

    /**
     * Binds and starts; {@code port} 0 takes a free port, which {@link #port()} then tells. The feature should
     * take its client addresses from {@link GrizzlyClientAddress#of}, which this server feeds.
     */
    public static PipelineServer start(String host, int port, PipelineTriggerFeature api, HttpLimits limits) {
        return start(host, port, api, limits, false);
    }

    /** As above; with {@code console}, also serves the web console at {@code /ui/} (docs/console.md). */
    public static PipelineServer start(String host, int port, PipelineTriggerFeature api, HttpLimits limits,
                                       boolean console) {
        return start(host, port, api, limits, console, List.of());
    }

    /** As above, with more JAX-RS components (instances) in the same application, such as a metrics filter. */
    public static PipelineServer start(String host, int port, PipelineTriggerFeature api, HttpLimits limits,
                                       boolean console, List<Object> components) {
        URI uri = URI.create("http://" + forUri(host) + ":" + port + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, application(api, console, components), false);
        guardHostHeader(server);
        ScheduledExecutorService timer = headerDeadlineTimer();
        server.getServerConfiguration().setMaxPayloadRemainderToSkip(limits.maxRefusedBodyToSkip());
        for (NetworkListener listener : server.getListeners()) {
            applyLimits(listener, limits);
            listener.registerAddOn(new H2cUpgradeAsHttp11());
            listener.registerAddOn(new RequestHeaderDeadline(limits.headerDeadline(), timer));
        }
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            timer.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + uri.getHost() + ":" + port + " (" + e.getMessage() + ")", e);
        }
        return new PipelineServer(server, host, timer);
    }

    /** The one Jersey application this server serves; {@link FrameworkWarmUp} builds the same one, never served. */
    static ResourceConfig application(Feature api, boolean console, List<Object> components) {
        ResourceConfig application = new ResourceConfig()
                .register(api)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                // everything is registered by hand; nothing to look for in META-INF at start (docs/performance.md)
                .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true);
        if (console) {
            // through a feature, as the API's resources are: a resource instance registered on the ResourceConfig
            // itself works but makes Jersey warn at every start that it "will be ignored" (Jersey issue #3700)
            application.register((Feature) context -> {
                context.register(new ConsoleResource());
                return true;
            });
        }
        components.forEach(application::register);
        return application;
    }

    private static void applyLimits(NetworkListener listener, HttpLimits limits) {
        listener.setMaxHttpHeaderSize(limits.maxHeaderBytes());
        listener.setMaxRequestHeaders(limits.maxHeaderCount());
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) limits.idleTimeout().toSeconds());
        listener.getTransport().setReadTimeout(limits.ioTimeout().toMillis(), TimeUnit.MILLISECONDS);
        listener.getTransport().setWriteTimeout(limits.ioTimeout().toMillis(), TimeUnit.MILLISECONDS);
        SocketWriteBuffers.boundEachConnection(listener);
    }

    /**
     * Puts {@link ValidHostHeader} and {@link GrizzlyClientAddress} in front of Jersey, and keeps stack traces out of
     * Grizzly's last-resort page.
     */
    private static void guardHostHeader(HttpServer server) {
        ServerConfiguration configuration = server.getServerConfiguration();
        Map<HttpHandler, HttpHandlerRegistration[]> handlers = Map.copyOf(configuration.getHttpHandlersWithMapping());
        handlers.forEach((handler, mappings) -> {
            configuration.removeHttpHandler(handler);
            configuration.addHttpHandler(new ValidHostHeader(new GrizzlyClientAddress(handler)), mappings);
        });
        configuration.setDefaultErrorPageGenerator((request, status, reason, description, exception) ->
                "{\"success\": false, \"error\": \"The request could not be handled (" + status + ").\"}");
    }

    private static ScheduledExecutorService headerDeadlineTimer() {
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "pipeline-trigger-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a stopped clock leaves nothing behind
        return timer;
    }

    /** The port really bound (differs from the configured one when that was 0). */
    public int port() {
        return server.getListeners().iterator().next().getPort();
    }

    public URI uri() {
        return URI.create("http://" + forUri(host) + ":" + port());
    }

    /** Stops accepting connections, lets requests in flight finish for up to {@code grace}, then closes. */
    public void stop(Duration grace) {
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop within " + grace + "; closing it now");
        } finally {
            server.shutdownNow();
            timer.shutdownNow();
        }
    }

    /** The host as it goes into a URI: IPv6 literals in brackets. */
    private static String forUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
