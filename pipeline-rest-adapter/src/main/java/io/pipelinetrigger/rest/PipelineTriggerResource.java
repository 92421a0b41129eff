package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The calls of docs/api.md on one path, plus DELETE to cancel. No {@code @Consumes}/{@code @Produces}: {@link ApiRequestGuard}
 * judges the Content-Type (415) and {@link TriggerRequestDecoder} the body (413/400), each with our own
 * sentence, and the answer is always JSON whatever the client accepts. Errors are thrown and rendered by
 * {@link ErrorResponseMapper}.
 *
 * <p>Public because Jersey invokes resource methods reflectively and refuses methods of a class that is not
 * public; final, and constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.API_PATH)
public final class PipelineTriggerResource {

    private static final String JOB_ID = "jobId";
    private static final String WAIT = "wait";
    private static final String OUTPUT = "output";
    static final long MAX_WAIT_SECONDS = 60;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final TriggerPipelineUseCase trigger;
    private final GetJobQuery getJob;
    private final ListJobsQuery listJobs;
    private final CancelJobUseCase cancel;
    private final TriggerRequestDecoder decoder;
    private final SettledViews settled;

    PipelineTriggerResource(TriggerPipelineUseCase trigger, GetJobQuery getJob, ListJobsQuery listJobs,
                            CancelJobUseCase cancel, TriggerRequestDecoder decoder, SettledViews settled) {
        this.trigger = trigger;
        this.getJob = getJob;
        this.listJobs = listJobs;
        this.cancel = cancel;
        this.decoder = decoder;
        this.settled = settled;
    }

    /**
     * 202 with the new job's view; {@code Location} is where to poll it. A retry carrying the same
     * {@code Idempotency-Key} and body gets the first request's job back instead of a 409. With {@code onBusy}
     * (docs/api.md, "When the pipeline is busy"): 200 with the active job for {@code attach}, 202 with a
     * {@code queued} job and its {@code queuePosition} for {@code queue}.
     */
    @POST
    public Response trigger(@HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                            @Context UriInfo uri, InputStream body) {
        TriggerPipelineCommand command = decoder.decode(Optional.ofNullable(contentLength), body);
        TriggerAnswer answer = trigger.submit(command, Optional.ofNullable(idempotencyKey));
        Job job = answer.job();
        URI poll = uri.getBaseUriBuilder().path(PipelineTriggerFeature.API_PATH)
                .queryParam(JOB_ID, job.id().value()).build();
        return WireJsonWriter.json(Response.status(answer.attached() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(poll), TriggerAnswers.view(answer));
    }

    /**
     * 202: the job's step has been asked to stop; poll until the job is {@code cancelled}. Cancelling it
     * again is harmless; a job that already completed or failed answers 409.
     */
    @DELETE
    public Response cancel(@Context UriInfo uri) {
        List<String> ids = uri.getQueryParameters().get(JOB_ID);
        if (ids == null) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "Give the query parameter 'jobId' of the job to cancel.");
        }
        return WireJsonWriter.json(Response.status(Response.Status.ACCEPTED), JobResponse.of(cancel.cancel(jobIdOf(ids))));
    }

    /**
     * With {@code ?jobId=}: that job (404 unknown or expired), without its output for {@code output=false}; with
     * {@code wait=<seconds>} the answer comes when the job ends or the wait is over, and no request thread waits
     * meanwhile. Without {@code jobId}: a page of the jobs, newest first ({@link JobListParameters}).
     *
     * <p>Answered on the request's thread, without suspending the request, unless a {@code wait} has to wait: then
     * the answer is a response whose entity is the stage of the answer to come, which Jersey suspends the request
     * for and resumes it with (docs/performance.md). Declared as returning a {@code Response}, as the other methods
     * are, so Jersey does not judge the client's {@code Accept} by the writers of a {@code CompletionStage} (it would
     * refuse {@code text/html} with 406, where the answer is JSON whatever the client accepts).
     */
    @GET
    public Response jobs(@QueryParam(JOB_ID) List<String> ids, @QueryParam(WAIT) List<String> wait,
                         @QueryParam(OUTPUT) List<String> output,
                         @QueryParam(JobListParameters.STATUS) List<String> status,
                         @QueryParam(JobListParameters.PIPELINE) List<String> pipeline,
                         @QueryParam(JobListParameters.OUTCOME) List<String> outcome,
                         @QueryParam(JobListParameters.SINCE) List<String> since,
                         @QueryParam(JobListParameters.LIMIT) List<String> limit,
                         @QueryParam(JobListParameters.BEFORE) List<String> before) {
        // the parameters one by one rather than @Context UriInfo, which costs an injection lookup at every request
        if (ids.isEmpty()) {
            JobFilter filter = JobListParameters.filterOf(QueryParameters.given(Map.of(OUTPUT, output,
                    JobListParameters.STATUS, status, JobListParameters.PIPELINE, pipeline,
                    JobListParameters.OUTCOME, outcome, JobListParameters.SINCE, since, JobListParameters.LIMIT, limit,
                    JobListParameters.BEFORE, before)));
            return WireJsonWriter.json(Response.ok(), JobListResponse.of(listJobs.listJobs(filter), filter.withOutput()));
        }
        JobId id = jobIdOf(ids);
        QueryParameters parameters = QueryParameters.given(Map.of(WAIT, wait, OUTPUT, output));
        OptionalLong waitSeconds = parameters.number(WAIT, 1, MAX_WAIT_SECONDS, "seconds");
        boolean withOutput = parameters.flag(OUTPUT, true);
        if (waitSeconds.isEmpty()) {
            return view(getJob.getJob(id), withOutput);
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        // completed off the thread that ended the job, so a slow client never holds a job thread
        getJob.awaitEnd(id, Duration.ofSeconds(waitSeconds.getAsLong())).whenCompleteAsync((job, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                return;
            }
            try {
                answer.complete(view(job, withOutput));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return Response.ok(answer).build();
    }

    private Response view(Job job, boolean withOutput) {
        if (job.status() == JobStatus.QUEUED) {
            return WireJsonWriter.json(Response.ok(), TriggerAnswers.withQueuePosition(job,
                    withOutput ? JobResponse.of(job) : JobResponse.withoutOutput(job), getJob));
        }
        return WireJsonWriter.json(Response.ok(), settled.of(job, withOutput));
    }

    private static JobId jobIdOf(List<String> ids) {
        if (ids.size() != 1) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "Give the query parameter 'jobId' once; it was given " + ids.size() + " times.");
        }
        String id = ids.get(0);
        if (id.isEmpty()) {
            throw new RejectedRequestException(RejectedRequestException.BAD_REQUEST,
                    "The query parameter 'jobId' is empty; give a job id such as \"dbt-1710460800000-abc123\","
                            + " or leave it out to list every job.");
        }
        return JobId.of(id); // InvalidRequestException (400) for anything not in the id format
    }
}
