package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.Quoting;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET .../events}: a job's log, step changes and end as server-sent events (docs/api.md, "Follow a run
 * live"). The request thread only checks the parameters and is released (the response is suspended); the stream
 * is written by the follower's own thread, as a plain streamed answer flushed after every event.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.API_PATH + "/events")
public final class JobEventsResource {

    static final String EVENT_STREAM = "text/event-stream";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String EVENT_STREAM_UTF8 = EVENT_STREAM + ";charset=utf-8";

    private final JobEventHubs hubs;
    private final FollowerThreads threads = new FollowerThreads();

    JobEventsResource(JobEventHubs hubs) {
        this.hubs = hubs;
    }

    @GET
    public void events(@Context UriInfo uri, @HeaderParam(LAST_EVENT_ID) String lastEventId,
                       @Suspended AsyncResponse response) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters());
        String id = parameters.text("jobId").filter(value -> !value.isEmpty()).orElseThrow(() -> QueryParameters
                .refused("Give the query parameter 'jobId' of the job to follow."));
        long offset = parameters.number("offset", 0, Long.MAX_VALUE, "bytes").orElse(0);
        // a reconnecting client repeats its first URL: the header says where it really stands
        OptionalLong resumeAt = lastEventId(lastEventId);
        long from = resumeAt.isPresent() ? resumeAt.getAsLong() : offset;
        JobId jobId = JobId.of(id);
        // unknown job (404) and an offset past the end (400) are refused before the stream starts
        hubs.sources().logs().readLog(new ReadLogCommand(jobId, Optional.empty(), from, 1));

        EventFollower follower = new EventFollower(jobId, from, hubs);
        // resuming writes the answer on the calling thread: the follower's own, for as long as the stream lasts
        threads.start("pipeline-follower", () -> response.resume(Response.ok((StreamingOutput) follower::stream,
                        EVENT_STREAM_UTF8)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build()));
    }

    private static OptionalLong lastEventId(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        String value = header.strip();
        if (!value.matches("[0-9]{1,19}")) {
            throw QueryParameters.refused("The header 'Last-Event-ID' must be the id of a log event (a whole number"
                    + " of bytes from 0), got " + Quoting.quoted(header) + ".");
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException tooLong) {
            throw QueryParameters.refused("The header 'Last-Event-ID' must be the id of a log event (a whole number"
                    + " of bytes from 0), got " + Quoting.quoted(header) + ".");
        }
    }
}
