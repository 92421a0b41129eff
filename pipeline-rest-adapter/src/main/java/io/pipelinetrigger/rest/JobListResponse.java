package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobPage;

import java.util.List;
import java.util.function.Function;

/**
 * {@code GET} without a job id: a page of the jobs the server still knows, newest first; {@code next} is the
 * {@code before} of the following page, or null on the last (docs/api.md, "List the jobs").
 */
@JsonPropertyOrder({"success", "jobs", "next"})
record JobListResponse(boolean success, List<JobResponse> jobs, String next) implements ResponseBody {

    JobListResponse {
        jobs = List.copyOf(jobs);
    }

    static JobListResponse of(List<Job> jobs) {
        return new JobListResponse(true, jobs.stream().map(JobResponse::of).toList(), null);
    }

    static JobListResponse of(JobPage page, boolean withOutput) {
        Function<Job, JobResponse> view = withOutput ? JobResponse::of : JobResponse::withoutOutput;
        return new JobListResponse(true, page.jobs().stream().map(view).toList(),
                page.next().map(JobCursor::encoded).orElse(null));
    }
}
