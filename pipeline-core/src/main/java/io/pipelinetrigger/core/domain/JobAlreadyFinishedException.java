package io.pipelinetrigger.core.domain;

/** A cancel of a job that already completed or failed (HTTP 409). */
public class JobAlreadyFinishedException extends PipelineException {

    public JobAlreadyFinishedException(JobId id, JobStatus status) {
        super("Job \"" + id + "\" has already finished (" + status.wireName() + ") and cannot be cancelled.");
    }
}
