package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.domain.Job;

import java.util.List;

/** {@code GET} without a job id: every job the server still knows, newest first. */
@JsonPropertyOrder({"success", "jobs"})
record JobListResponse(boolean success, List<JobResponse> jobs) implements ResponseBody {

    JobListResponse {
        jobs = List.copyOf(jobs);
    }

    static JobListResponse of(List<Job> jobs) {
        return new JobListResponse(true, jobs.stream().map(JobResponse::of).toList());
    }
}
