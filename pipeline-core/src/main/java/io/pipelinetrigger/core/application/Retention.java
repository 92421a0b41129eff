package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How long a finished job is kept. Reads leave out an expired job at once, whether or not the housekeeping timer
 * has deleted it yet, so no request has to sweep (docs/performance.md, "Nothing on the request path scales with
 * the history").
 */
final class Retention {

    private final InstantSource clock;
    private final Duration keep;

    Retention(InstantSource clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    /** Jobs that finished before this instant have expired. */
    Instant cutoff() {
        return clock.instant().minus(keep);
    }

    boolean keeps(Job job) {
        return job.finishedAt().map(finished -> !finished.isBefore(cutoff())).orElse(true);
    }
}
