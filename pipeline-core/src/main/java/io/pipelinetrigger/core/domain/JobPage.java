package io.pipelinetrigger.core.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the history, newest first; {@code next} is where the following page begins, empty on the last. */
public record JobPage(List<Job> jobs, Optional<JobCursor> next) {

    public JobPage {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(next, "next");
    }
}
