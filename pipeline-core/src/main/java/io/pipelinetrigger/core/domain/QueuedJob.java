package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A job waiting in the queue, with the moment it gives up waiting (its {@code queueTimeout}), if it has one. */
public record QueuedJob(Job job, Optional<Instant> deadline) {

    public QueuedJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(deadline, "deadline");
        if (job.status() != JobStatus.QUEUED) {
            throw new IllegalArgumentException("job " + job.id() + " is " + job.status().wireName() + ", not queued");
        }
    }

    public boolean expiredAt(Instant now) {
        return deadline.filter(d -> !now.isBefore(d)).isPresent();
    }
}
