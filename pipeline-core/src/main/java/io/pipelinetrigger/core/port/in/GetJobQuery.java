package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

/** One job, with its live output tail while it runs. */
public interface GetJobQuery {

    /** @throws io.pipelinetrigger.core.domain.JobNotFoundException unknown or expired */
    Job getJob(JobId id);
}
