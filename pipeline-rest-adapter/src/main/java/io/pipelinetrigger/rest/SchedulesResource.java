package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.port.in.ListSchedulesQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET .../schedules}: the schedules of the server's schedules file, each with its next and last firing
 * (docs/schedules.md, "The schedules list"); an empty list when no file is configured. Behind the token like every
 * route of the API.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.API_PATH + "/schedules")
public final class SchedulesResource {

    private final ListSchedulesQuery schedules;

    SchedulesResource(ListSchedulesQuery schedules) {
        this.schedules = schedules;
    }

    @GET
    public Response schedules() {
        return WireJsonWriter.json(Response.ok(), SchedulesResponse.of(schedules.listSchedules()));
    }
}
