package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;

import java.util.List;

/** Every active job and every job finished within the retention, newest first. */
public interface ListJobsQuery {

    List<Job> listJobs();
}
