package io.pipelinetrigger.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Optional;

/**
 * Runs before Jersey matches a request under the API's path, after the token check: while the API is
 * disabled, refuses every call with 403 (whatever its method or body, so neither a 405 nor a 413 says more
 * than "disabled"); otherwise refuses a POST whose Content-Type is not JSON, or missing, with 415, before
 * Jersey itself trips over a Content-Type it cannot parse (which it would answer with an empty 400).
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
final class ApiRequestGuard implements ContainerRequestFilter {

    static final String DISABLED = "The pipeline API is disabled (PIPELINE_ENABLED is not true).";

    private final boolean apiEnabled;

    ApiRequestGuard(boolean apiEnabled) {
        this.apiEnabled = apiEnabled;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!ApiRequests.isApiCall(request)) {
            return;
        }
        if (!apiEnabled) {
            throw new RejectedRequestException(RejectedRequestException.FORBIDDEN, DISABLED);
        }
        if ("POST".equals(request.getMethod())) {
            JsonContentType.require(Optional.ofNullable(request.getHeaderString(HttpHeaders.CONTENT_TYPE)));
        }
    }
}
