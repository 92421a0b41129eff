package io.pipelinetrigger.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.function.Function;

/** What the filters of this API share about a request: whether it is an API call, and who sent it. */
final class ApiRequests {

    static final String CLIENT_ADDRESS = "io.pipelinetrigger.rest.client-address";
    static final String TOKEN_ID = "io.pipelinetrigger.rest.token-id";
    static final String UNKNOWN = "unknown";
    private static final int MAX_ADDRESS_LENGTH = 64;

    private ApiRequests() {
    }

    /** A call of the pipeline API (the embedding application's own resources are none of our business). */
    static boolean isApiCall(ContainerRequestContext request) {
        String path = trimSlashes(request.getUriInfo().getPath());
        String api = trimSlashes(PipelineTriggerFeature.API_PATH);
        return path.equals(api) || path.startsWith(api + "/");
    }

    /** A call of {@value PipelineTriggerFeature#HEALTH_PATH}, which needs no token but shows its detail only with one. */
    static boolean isHealthCall(ContainerRequestContext request) {
        return trimSlashes(request.getUriInfo().getPath()).equals(trimSlashes(PipelineTriggerFeature.HEALTH_PATH));
    }

    /** Whether the request carried a valid token (the bearer filter checked it). */
    static boolean authenticated(ContainerRequestContext request) {
        return request.getProperty(TOKEN_ID) instanceof String;
    }

    /**
     * The client's address as the embedding application's function tells it, asked once per request and kept
     * with it; shortened and reduced to address characters, since it goes into log lines.
     */
    static String clientAddress(ContainerRequestContext request, Function<ContainerRequestContext, String> addresses) {
        Object known = request.getProperty(CLIENT_ADDRESS);
        if (known instanceof String address) {
            return address;
        }
        String address;
        try {
            address = safe(addresses.apply(request));
        } catch (RuntimeException e) {
            address = UNKNOWN;
        }
        request.setProperty(CLIENT_ADDRESS, address);
        return address;
    }

    /** The id of the token the request was authenticated with, or "-". */
    static String tokenId(ContainerRequestContext request) {
        return request.getProperty(TOKEN_ID) instanceof String id ? id : "-";
    }

    private static String safe(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN;
        }
        String kept = address.strip().replaceAll("[^0-9A-Za-z.:%_\\[\\]-]", "?");
        return kept.length() <= MAX_ADDRESS_LENGTH ? kept : kept.substring(0, MAX_ADDRESS_LENGTH);
    }

    static String trimSlashes(String path) {
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
