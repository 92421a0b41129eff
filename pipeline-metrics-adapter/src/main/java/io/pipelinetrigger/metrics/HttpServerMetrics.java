package io.pipelinetrigger.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import java.util.Comparator;
import java.util.List;

/**
 * Times every request Jersey answers as {@code http_server_requests_seconds}, by method, status and route. The
 * route is one of the known paths, else {@code other}, so a client probing random paths cannot grow the
 * number of time series.
 */
@PreMatching
public final class HttpServerMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = HttpServerMetrics.class.getName() + ".started";
    static final String REQUESTS = "http.server.requests";

    private final MeterRegistry registry;
    private final List<String> routes;

    HttpServerMetrics(MeterRegistry registry, List<String> routes) {
        this.registry = registry;
        // the longest first, so "/api/x/log" wins over "/api/x"
        this.routes = routes.stream().map(HttpServerMetrics::trim)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        Timer.builder(REQUESTS).description("HTTP requests answered")
                .tags("method", request.getMethod(), "status", Integer.toString(response.getStatus()),
                        "route", routeOf(trim(request.getUriInfo().getPath())))
                .register(registry).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private String routeOf(String path) {
        for (String route : routes) {
            if (path.equals(route)) {
                return "/" + route;
            }
        }
        return "other";
    }

    private static String trim(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
