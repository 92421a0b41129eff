package io.pipelinetrigger.core.domain;

/** No job with this id exists, or it expired after its retention (HTTP 404). */
public class JobNotFoundException extends PipelineException {

    public JobNotFoundException(JobId id) {
        super("No job with id \"" + id + "\" exists; finished jobs are removed after their retention.");
    }
}
