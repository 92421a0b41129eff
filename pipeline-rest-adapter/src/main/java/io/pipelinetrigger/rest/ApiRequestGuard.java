package io.pipelinetrigger.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Optional;

/**
 * Runs before Jersey matches a request under the API's path: while the API is disabled, refuses every call
 * with 403 (whatever its method or body, so neither a 405 nor a 413 says more than "disabled"); otherwise
 * refuses a POST whose Content-Type is not JSON with 415, before Jersey itself trips over a Content-Type it
 * cannot parse (which it would answer with an empty 400).
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
final class ApiRequestGuard implements ContainerRequestFilter {

    static final String DISABLED = "The pipeline API is disabled (PIPELINE_ENABLED is not true).";

    private final String apiPath;
    private final boolean apiEnabled;

    ApiRequestGuard(String apiPath, boolean apiEnabled) {
        this.apiPath = trimSlashes(apiPath);
        this.apiEnabled = apiEnabled;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = trimSlashes(request.getUriInfo().getPath());
        if (!path.equals(apiPath) && !path.startsWith(apiPath + "/")) {
            return; // not ours: the embedding application's own resources are none of our business
        }
        if (!apiEnabled) {
            throw new RejectedRequestException(RejectedRequestException.FORBIDDEN, DISABLED);
        }
        if ("POST".equals(request.getMethod())) {
            JsonContentType.require(Optional.ofNullable(request.getHeaderString(HttpHeaders.CONTENT_TYPE)));
        }
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
