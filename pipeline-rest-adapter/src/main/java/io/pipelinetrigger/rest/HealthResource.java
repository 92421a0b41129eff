package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.port.in.HealthQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /healthz}: 200 {@code {"status": "ok"}} when the runner can be reached and the job store takes
 * writes, else 503 {@code {"status": "unavailable"}}. No token is needed and {@code PIPELINE_ENABLED} does not
 * apply (a load balancer or orchestrator asks before the API is enabled); why it is unavailable goes to the
 * server log only, once per change. A check is reused for {@link #REUSE}, and only one runs at a time (while
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
    private final ReentrantLock checking = new ReentrantLock();
    // unavailable until a first check said otherwise
    private volatile Checked last = new Checked(Instant.MIN, new HealthQuery.Health(false, false, List.of()));

    HealthResource(HealthQuery health, InstantSource clock) {
        this.health = health;
        this.clock = clock;
    }

    @GET
    public Response health() {
        boolean healthy = current().healthy();
        return WireJsonWriter.json(Response.status(healthy ? 200 : 503).header("Cache-Control", "no-store"),
                healthy ? HealthResponse.OK : HealthResponse.UNAVAILABLE);
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
            return new HealthQuery.Health(false, false, List.of("the health check itself failed: " + e));
        }
    }

    private record Checked(Instant at, HealthQuery.Health health) {
    }
}
