package io.pipelinetrigger.core.domain;

/** An idempotency key sent again with a different request (HTTP 422). */
public class IdempotencyKeyReusedException extends PipelineException {

    private final JobId originalJobId;

    public IdempotencyKeyReusedException(String key, JobId originalJobId) {
        super("The Idempotency-Key \"" + key + "\" was already used for job " + originalJobId
                + " with a different request; use a new key for a new request.");
        this.originalJobId = originalJobId;
    }

    public JobId originalJobId() {
        return originalJobId;
    }
}
