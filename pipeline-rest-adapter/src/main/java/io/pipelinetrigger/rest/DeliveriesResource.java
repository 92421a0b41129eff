package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.in.ListDeliveriesQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET .../deliveries?jobId=}: every webhook message of a job and each attempt to deliver it (docs/webhooks.md,
 * "The delivery log"). Behind the token like every route of the API.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.API_PATH + "/deliveries")
public final class DeliveriesResource {

    private final ListDeliveriesQuery deliveries;

    DeliveriesResource(ListDeliveriesQuery deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public Response deliveries(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters());
        String id = parameters.text("jobId").filter(value -> !value.isEmpty()).orElseThrow(() -> QueryParameters
                .refused("Give the query parameter 'jobId' of the job whose webhook deliveries to list."));
        JobId jobId = JobId.of(id);
        return WireJsonWriter.json(Response.ok(), DeliveriesResponse.of(jobId.value(), deliveries.deliveries(jobId)));
    }
}
