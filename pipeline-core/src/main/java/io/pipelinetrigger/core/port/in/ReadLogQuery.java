package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.LogPage;

/** A page of a job's whole log as archived, cleaned like the job view's {@code output}. */
public interface ReadLogQuery {

    /**
     * @throws io.pipelinetrigger.core.domain.JobNotFoundException unknown or expired
     * @throws io.pipelinetrigger.core.domain.InvalidRequestException an offset past the end, or a step that is
     *                                                                not in the job's pipeline
     */
    LogPage readLog(ReadLogCommand command);
}
