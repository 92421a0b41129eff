package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose {@code Host} header is no host name (an underscore, a space...) with the API's 400 JSON
 * error, before Jersey sees it (docs/security.md, "Hostile input"): Jersey builds the request's base URI from that
 * header and, when it cannot, fails outside its own error handling, which Grizzly would turn into an HTML page
 * with a stack trace. The check is the one that fails there: the same URI built from the same parts.
 */
final class ValidHostHeader extends HandlerInFront {

    static final String ERROR = "{\"success\": false, \"error\": \"The request's Host header is not a valid host name"
            + " (letters, digits, '-' and '.', or an IP address, and an optional port).\"}";

    /** The last scheme, host and port that built a URI: clients repeat theirs, and building a URI is not cheap. */
    private volatile Origin lastValid = new Origin("", "", -1);

    ValidHostHeader(HttpHandler next) {
        super(next);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!buildsABaseUri(request)) {
            byte[] body = ERROR.getBytes(StandardCharsets.UTF_8);
            response.setStatus(400);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        next.service(request, response);
    }

    private boolean buildsABaseUri(Request request) {
        Origin origin = new Origin(request.getScheme(), request.getServerName(), request.getServerPort());
        if (origin.equals(lastValid)) {
            return true;
        }
        try {
            new URI(origin.scheme(), null, origin.host(), origin.port(), "/", null, null);
            lastValid = origin;
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private record Origin(String scheme, String host, int port) {
    }
}
