package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Outcome;

import java.util.List;
import java.util.Objects;

/**
 * The job view of docs/api.md on the wire. The five original fields come first, as documented there; a null
 * component is written as JSON null ("not known yet" or "does not apply"), which is why this wire record, unlike
 * the domain, holds nulls. The one field that can be left out is {@code output}, for {@code output=false}.
 */
@JsonPropertyOrder({"success", "jobId", "status", "exitCode", "output", "pipeline", "command", "enableOpenlineage",
        "enableElementary", "timeoutSeconds", "createdAt", "startedAt", "finishedAt", "error", "outcome", "trigger",
        "steps", "queuePosition"})
record JobResponse(boolean success, String jobId, String status, int exitCode,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String output, String pipeline,
                   String command, boolean enableOpenlineage, boolean enableElementary, Long timeoutSeconds,
                   String createdAt,
                   String startedAt, String finishedAt, String error, String outcome, String trigger,
                   List<StepResponse> steps, @JsonInclude(JsonInclude.Include.NON_NULL) Integer queuePosition)
        implements ResponseBody {

    JobResponse {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(trigger, "trigger");
        steps = List.copyOf(steps);
    }

    /** The view of a job as it is now; a running job carries its live output tail. */
    static JobResponse of(Job job) {
        return withOutput(job, job.output());
    }

    /** The cheap status poll ({@code output=false}): the view without its {@code output} field. */
    static JobResponse withoutOutput(Job job) {
        return withOutput(job, null);
    }

    /** The answer to an accepted trigger: the output says the run started, as docs/api.md shows. */
    static JobResponse accepted(Job job) {
        return withOutput(job, "Pipeline \"" + job.spec().pipeline().wireName() + "\" started in background.");
    }

    /** The view with the job's place in the queue, shown only while it is queued (docs/api.md). */
    JobResponse withQueuePosition(int position) {
        return new JobResponse(success, jobId, status, exitCode, output, pipeline, command, enableOpenlineage,
                enableElementary, timeoutSeconds, createdAt, startedAt, finishedAt, error, outcome, trigger, steps,
                position);
    }

    static JobResponse withOutput(Job job, String output) {
        return new JobResponse(job.success(), job.id().value(), job.status().wireName(), job.exitCodeForDisplay(),
                output, job.spec().pipeline().wireName(), job.spec().command().map(DbtCommand::wireName).orElse(null),
                job.spec().flags().enableOpenlineage(), job.spec().flags().enableElementary(),
                job.spec().stepTimeout().map(java.time.Duration::toSeconds).orElse(null),
                WireTime.format(job.createdAt()), WireTime.formatOrNull(job.startedAt()),
                WireTime.formatOrNull(job.finishedAt()), job.error().orElse(null),
                job.outcome().map(Outcome::wireName).orElse(null), job.trigger().wireName(),
                job.steps().stream().map(StepResponse::of).toList(), null);
    }
}
