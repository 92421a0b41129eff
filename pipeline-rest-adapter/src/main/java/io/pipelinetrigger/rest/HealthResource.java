package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.port.in.HealthQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /healthz}: 200 {@code {"status": "ok"}} when every check passes (the job store takes writes, the
 * runner answers, the step images and the network are there), else 503 {@code {"status": "unavailable"}}. No
 * token is needed and {@code PIPELINE_ENABLED} does not apply (a load balancer or orchestrator asks before the
 * API is enabled). Each check by name with its reason ({@code "checks"}) is shown only to a request with a valid
 * token, or to everyone when the feature was told so ({@code healthDetailOpen}: a server only this machine
 * reaches); why it is unavailable also goes to the server log, once per change. A check is reused for {@link #REUSE}, and only one runs at a time (while
 * it runs, other requests get the last answer at once), so a flood of health requests can neither turn into
 * a flood of calls to the engine and the database, nor hold the server's threads while the engine hangs.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.HEALTH_PATH)
public final class HealthResource {

    static final Duration REUSE = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(HealthResource.class.getName());

    private final HealthQuery health;
    private final InstantSource clock;
    private final boolean detailOpen;
    private final Optional<String> instance;
    private final Optional<String> replica;
    private final ReentrantLock checking = new ReentrantLock();
    // unavailable until a first check said otherwise
    private volatile Checked last = new Checked(Instant.MIN, new HealthQuery.Health(List.of(HealthQuery.Check.failed(
            HealthQuery.RUNNER, "not checked yet."))));

    HealthResource(HealthQuery health, InstantSource clock, boolean detailOpen) {
        this(health, clock, detailOpen, Optional.empty(), Optional.empty());
    }

    HealthResource(HealthQuery health, InstantSource clock, boolean detailOpen, Optional<String> instance,
                   Optional<String> replica) {
        this.health = health;
        this.clock = clock;
        this.detailOpen = detailOpen;
        this.instance = instance;
        this.replica = replica;
    }

    @GET
    public Response health(@Context ContainerRequestContext request) {
        return answer(detailOpen || ApiRequests.authenticated(request));
    }

    Response answer(boolean detail) {
        HealthQuery.Health now = current();
        return WireJsonWriter.json(Response.status(now.healthy() ? 200 : 503).header("Cache-Control", "no-store"),
                HealthResponse.of(now, detail, instance, replica));
    }

    private HealthQuery.Health current() {
        Checked known = last;
        if (clock.instant().isBefore(known.at().plus(REUSE)) || !checking.tryLock()) {
            return known.health();
        }
        try {
            known = last;
            if (clock.instant().isBefore(known.at().plus(REUSE))) {
                return known.health(); // another request checked a moment ago
            }
            HealthQuery.Health checked = check();
            logChange(known, checked);
            last = new Checked(clock.instant(), checked);
            return checked;
        } finally {
            checking.unlock();
        }
    }

    private static void logChange(Checked before, HealthQuery.Health now) {
        boolean first = before.at().equals(Instant.MIN);
        if (!now.healthy() && (first || !now.problems().equals(before.health().problems()))) {
            LOG.log(System.Logger.Level.WARNING, "health: unavailable: " + String.join("; ", now.problems()));
        } else if (now.healthy() && !first && !before.health().healthy()) {
            LOG.log(System.Logger.Level.INFO, "health: ok again");
        }
    }

    private HealthQuery.Health check() {
        try {
            return health.health();
        } catch (RuntimeException e) {
            return new HealthQuery.Health(List.of(HealthQuery.Check.failed(HealthQuery.RUNNER,
                    "the health check itself failed: " + e)));
        }
    }

    private record Checked(Instant at, HealthQuery.Health health) {
    }
}
