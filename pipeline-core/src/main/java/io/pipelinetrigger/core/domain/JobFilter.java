package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of the history a list asks for (docs/api.md, "List the jobs"): optional filters, where to go on
 * ({@code before}), how many at most, and whether the jobs' output is wanted.
 */
public record JobFilter(Optional<JobStatus> status, Optional<Pipeline> pipeline, Optional<Outcome> outcome,
                        Optional<Instant> since, Optional<JobCursor> before, int limit, boolean withOutput) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public JobFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} jobs with their output: what a plain list answers. */
    public static JobFilter newest() {
        return new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_LIMIT, true);
    }

    /** True when the job passes every filter and comes after {@code before}; the limit is the caller's. */
    public boolean matches(Job job) {
        return status.map(s -> s == job.status()).orElse(true)
                && pipeline.map(p -> p == job.spec().pipeline()).orElse(true)
                && outcome.map(o -> job.outcome().equals(Optional.of(o))).orElse(true)
                && since.map(s -> !job.createdAt().isBefore(s)).orElse(true)
                && before.map(cursor -> cursor.precedes(job)).orElse(true);
    }
}
