package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One firing of a schedule: the schedule's name and the moment its cron named (not when it actually ran: a
 * catch-up runs later). The store keeps at most one record per firing, which is how a restart, or several
 * servers on one store, never run one firing twice (docs/schedules.md, "Exactly once").
 */
public record Firing(String schedule, Instant scheduledFor) {

    public Firing {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Trigger.schedule(schedule); // the same names a job's trigger allows
    }

    public FiringRecord started(JobId job, Instant firedAt) {
        return new FiringRecord(this, firedAt, FiringRecord.Result.STARTED, Optional.of(job), Optional.empty());
    }

    public FiringRecord queued(JobId job, Instant firedAt) {
        return new FiringRecord(this, firedAt, FiringRecord.Result.QUEUED, Optional.of(job), Optional.empty());
    }

    public FiringRecord skipped(String reason, Instant firedAt) {
        return new FiringRecord(this, firedAt, FiringRecord.Result.SKIPPED, Optional.empty(), Optional.of(reason));
    }
}
