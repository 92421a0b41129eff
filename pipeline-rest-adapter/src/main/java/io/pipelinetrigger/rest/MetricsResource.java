package io.pipelinetrigger.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/**
 * {@code GET /metrics}: whatever the application's metrics registry scrapes (docs/operations.md, "Metrics"), as
 * given. The token is needed when tokens are set, unless the application opened this path
 * ({@link PipelineTriggerFeature.Builder#metrics}); {@code PIPELINE_ENABLED} does not apply, so a disabled
 * server is still watched.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.METRICS_PATH)
public final class MetricsResource {

    private final Supplier<String> scrape;
    private final String contentType;

    MetricsResource(Supplier<String> scrape, String contentType) {
        this.scrape = scrape;
        this.contentType = contentType;
    }

    @GET
    public Response metrics() {
        return Response.ok(scrape.get(), contentType).header("Cache-Control", "no-store").build();
    }
}
