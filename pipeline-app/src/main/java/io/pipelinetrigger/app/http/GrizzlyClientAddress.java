package io.pipelinetrigger.app.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Tells the REST adapter (which knows only JAX-RS) the peer address of each request, as Grizzly saw it: in front of
 * Jersey it keeps the address as an attribute of Grizzly's request, which Jersey's Grizzly container shows as a
 * property of the JAX-RS request, and {@link #of} reads it back. A Grizzly handler rather than a JAX-RS filter, so
 * a request costs no injection lookup of Grizzly's request (docs/performance.md). The peer is the direct client;
 * behind a reverse proxy it is the proxy (docs/security.md says what follows).
 */
public final class GrizzlyClientAddress extends HandlerInFront {

    static final String PROPERTY = "io.pipelinetrigger.app.client-address";

    GrizzlyClientAddress(HttpHandler next) {
        super(next);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String address = request.getRemoteAddr();
        if (address != null) {
            request.setAttribute(PROPERTY, address);
        }
        next.service(request, response);
    }

    /** The address kept for this request, or "unknown". */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : "unknown";
    }
}
