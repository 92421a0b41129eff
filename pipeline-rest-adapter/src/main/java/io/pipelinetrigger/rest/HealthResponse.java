package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelinetrigger.core.port.in.HealthQuery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The health answer, {@code {"status": "ok"}} or {@code {"status": "unavailable"}}; with the detail (a valid
 * token, or a server only this machine reaches: docs/security.md) also {@code "checks"}, each check by name with
 * {@code "ok"} or its one-line reason, {@code "instance"}, the name the replicas of its deployment share, and
 * {@code "replica"}, the answering server's replica id, each when it has one (a host name may be in the id).
 * Without the detail it tells no version, engine, path, host or reason.
 */
record HealthResponse(String status, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> checks,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String replica)
        implements ResponseBody {

    static final String OK = "ok";
    static final String UNAVAILABLE = "unavailable";

    HealthResponse(String status, Map<String, String> checks) {
        this(status, checks, null, null);
    }

    HealthResponse {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks)); // in the order of the checks
    }

    static HealthResponse of(HealthQuery.Health health, boolean detail) {
        return of(health, detail, Optional.empty(), Optional.empty());
    }

    /**
     * {@code instance}, the deployment's name, and {@code replica}, the id of the server that answers among its
     * replicas: detail only.
     */
    static HealthResponse of(HealthQuery.Health health, boolean detail, Optional<String> instance,
                             Optional<String> replica) {
        Map<String, String> checks = new LinkedHashMap<>();
        if (detail) {
            health.checks().forEach(check -> checks.put(check.name(), check.problem().orElse(OK)));
        }
        return new HealthResponse(health.healthy() ? OK : UNAVAILABLE, checks,
                detail ? instance.orElse(null) : null, detail ? replica.orElse(null) : null);
    }
}
