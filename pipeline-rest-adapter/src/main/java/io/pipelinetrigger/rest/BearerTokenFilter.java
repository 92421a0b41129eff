package io.pipelinetrigger.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When tokens are configured, every call of the API needs {@code Authorization: Bearer <token>}: checked
 * first of all (before "disabled", the method or the body are judged, so a client without a token learns
 * nothing), 401 with {@code WWW-Authenticate: Bearer} otherwise. Wrong tokens are counted per client address;
 * an address that sent too many is refused with 429 for a while ({@link FailureThrottle}). A health request is
 * never refused (an orchestrator asks without a token); a token it carries is checked the same way, counted when
 * wrong, and only a valid one unlocks the health detail ({@link HealthResource}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {

    static final String MISSING = "This API needs a token: send the header \"Authorization: Bearer <token>\".";
    static final String NOT_BEARER = "The Authorization header must be \"Bearer <token>\", given once.";
    static final String WRONG = "The token is not valid for this API.";
    static final String CHALLENGE = "Bearer realm=\"pipeline-trigger\"";

    private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

    private final ApiTokens tokens;
    private final FailureThrottle throttle;
    private final Function<ContainerRequestContext, String> addresses;
    private final Set<String> otherPaths;

    BearerTokenFilter(ApiTokens tokens, FailureThrottle throttle, Function<ContainerRequestContext, String> addresses) {
        this(tokens, throttle, addresses, Set.of());
    }

    /** {@code otherPaths}: paths outside the API that need the token too (the metrics, the OpenAPI document). */
    BearerTokenFilter(ApiTokens tokens, FailureThrottle throttle, Function<ContainerRequestContext, String> addresses,
                      Set<String> otherPaths) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.addresses = addresses;
        this.otherPaths = otherPaths.stream().map(ApiRequests::trimSlashes).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (tokens.required() && ApiRequests.isHealthCall(request)) {
            try {
                authenticate(request);
            } catch (RejectedRequestException noDetail) {
                // answered all the same, only without the detail
            }
            return;
        }
        boolean guarded = ApiRequests.isApiCall(request)
                || otherPaths.contains(ApiRequests.trimSlashes(request.getUriInfo().getPath()));
        if (!guarded || !tokens.required()) {
            return;
        }
        authenticate(request);
    }

    private void authenticate(ContainerRequestContext request) {
        String throttled = FailureThrottle.keyOf(ApiRequests.clientAddress(request, addresses));
        Optional<Duration> blocked = throttle.blockedFor(throttled);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            throw new RejectedRequestException(RejectedRequestException.TOO_MANY_REQUESTS, "Too many requests with a"
                    + " wrong token came from this address; try again in " + seconds + " seconds.",
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
        List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (headers == null || headers.isEmpty()) {
            // not a guess: a client that forgot the header is not counted against its address
            throw unauthorized(MISSING, CHALLENGE);
        }
        Matcher bearer = BEARER.matcher(headers.size() == 1 ? headers.get(0) : "");
        Optional<String> id = bearer.matches() ? tokens.idOf(bearer.group(1)) : Optional.empty();
        if (id.isEmpty()) {
            throttle.recordFailure(throttled);
            throw unauthorized(bearer.matches() ? WRONG : NOT_BEARER, CHALLENGE + ", error=\"invalid_token\"");
        }
        request.setProperty(ApiRequests.TOKEN_ID, id.get());
    }

    private static RejectedRequestException unauthorized(String sentence, String challenge) {
        return new RejectedRequestException(RejectedRequestException.UNAUTHORIZED, sentence,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }
}
