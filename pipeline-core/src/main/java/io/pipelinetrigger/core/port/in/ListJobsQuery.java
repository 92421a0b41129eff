package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobPage;

import java.util.List;

/** Active jobs and jobs finished within the retention, newest first, a page at a time. */
public interface ListJobsQuery {

    /** The page the filter asks for, and where the next one begins. */
    JobPage listJobs(JobFilter filter);

    /** The newest {@value JobFilter#DEFAULT_LIMIT} jobs, with their output. */
    default List<Job> listJobs() {
        return listJobs(JobFilter.newest()).jobs();
    }
}
