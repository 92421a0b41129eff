package io.pipelinetrigger.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for the origins the operator listed, and for no other: a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) from a listed origin is answered 204 before the token check (browsers
 * never send credentials on a preflight), and every answer to a listed origin carries
 * {@code Access-Control-Allow-Origin} with that exact origin. With no origins listed, no CORS header is ever sent.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final List<String> METHODS = List.of("GET", "POST", "DELETE");
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Location, Retry-After, WWW-Authenticate";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    CorsFilter(Collection<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /**
     * @return the origin as browsers send it (lower case)
     * @throws IllegalArgumentException unless {@code origin} is exactly {@code http(s)://host[:port]}
     */
    static String requireOrigin(String origin) {
        String hint = "A CORS origin is scheme://host[:port] with no path, e.g. https://ops.example.com; got \""
                + origin + "\".";
        try {
            URI uri = new URI(origin);
            boolean exact = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (!exact) {
                throw new IllegalArgumentException(hint);
            }
            return origin.toLowerCase(Locale.ROOT); // browsers send scheme and host in lower case
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint, e);
        }
    }

    static Set<String> requireOrigins(Collection<String> origins) {
        Set<String> checked = new LinkedHashSet<>();
        origins.forEach(origin -> checked.add(requireOrigin(origin)));
        return checked;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String wanted = request.getHeaderString("Access-Control-Request-Method");
        if (origins.isEmpty() || origin == null || wanted == null || !"OPTIONS".equals(request.getMethod())
                || !ApiRequests.isApiCall(request) || !origins.contains(origin) || !METHODS.contains(wanted)) {
            return; // not a preflight we answer: it goes on as any other request would
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", String.join(", ", METHODS))
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origins.isEmpty() || origin == null || !origins.contains(origin) || !ApiRequests.isApiCall(request)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        headers.add("Vary", "Origin");
    }
}
