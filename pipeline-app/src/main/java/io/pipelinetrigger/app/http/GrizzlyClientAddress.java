package io.pipelinetrigger.app.http;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import org.glassfish.grizzly.http.server.Request;

/**
 * Tells the REST adapter (which knows only JAX-RS) the peer address of each request, as Grizzly saw it: a
 * pre-matching filter, ahead of the token check, keeps it with the request, and {@link #of} reads it back. The
 * peer is the direct client; behind a reverse proxy it is the proxy (docs/security.md says what follows).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class GrizzlyClientAddress implements ContainerRequestFilter {

    static final String PROPERTY = "io.pipelinetrigger.app.client-address";

    @Context
    private Provider<Request> requests;

    @Override
    public void filter(ContainerRequestContext request) {
        String address = requests.get().getRemoteAddr();
        if (address != null) {
            request.setProperty(PROPERTY, address);
        }
    }

    /** The address the filter kept, or "unknown". */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : "unknown";
    }
}
