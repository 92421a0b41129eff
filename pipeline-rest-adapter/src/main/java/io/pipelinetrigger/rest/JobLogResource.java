package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.LogWindow;
import io.pipelinetrigger.core.domain.Quoting;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET .../log}: a page of a job's whole log as plain text (docs/api.md, "Read the whole log"), with where
 * to go on in {@value #NEXT_OFFSET} and whether more can come in {@value #MORE}. Errors are JSON like every
 * other error of the API.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.API_PATH + "/log")
public final class JobLogResource {

    static final String NEXT_OFFSET = "X-Log-Next-Offset";
    static final String MORE = "X-Log-More";
    static final MediaType TEXT_UTF8 = MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8");

    private final ReadLogQuery logs;

    JobLogResource(ReadLogQuery logs) {
        this.logs = logs;
    }

    @GET
    public Response log(@Context UriInfo uri) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters());
        String id = parameters.text("jobId").filter(value -> !value.isEmpty()).orElseThrow(() -> QueryParameters
                .refused("Give the query parameter 'jobId' of the job whose log to read."));
        long offset = parameters.number("offset", 0, Long.MAX_VALUE, "bytes").orElse(0);
        int limit = (int) parameters.number("limit", 1, LogWindow.MAX_LIMIT_BYTES, "bytes")
                .orElse(ReadLogCommand.DEFAULT_LIMIT_BYTES);
        Optional<StepName> step = parameters.text("step").map(JobLogResource::stepOf);
        LogPage page = logs.readLog(new ReadLogCommand(JobId.of(id), step, offset, limit));
        return Response.ok(page.text(), TEXT_UTF8)
                .header(NEXT_OFFSET, page.nextOffset())
                .header(MORE, page.more())
                .build();
    }

    private static StepName stepOf(String name) {
        return Arrays.stream(StepName.values()).filter(step -> step.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("The query parameter 'step' must be one of "
                        + Arrays.stream(StepName.values()).map(s -> "\"" + s.wireName() + "\"")
                        .collect(Collectors.joining(", ")) + ", got " + Quoting.quoted(name) + "."));
    }
}
