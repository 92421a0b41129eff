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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    /** The timer of each method, status and route met so far: a request looks its timer up instead of building it. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

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
        Series series = new Series(request.getMethod(), response.getStatus(), routeOf(trim(request.getUriInfo().getPath())));
        timers.computeIfAbsent(series, this::timer).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder(REQUESTS).description("HTTP requests answered")
                .tags("method", series.method(), "status", Integer.toString(series.status()), "route", series.route())
                .register(registry);
    }

    /** One time series; the route is one of the known few, so the number of series stays as bounded as before. */
    private record Series(String method, int status, String route) {
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
