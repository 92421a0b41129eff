package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.FiringRecord;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A schedule as the schedules list shows it: when it fires next (none while disabled) and its last firing. */
public record ScheduleView(Schedule schedule, Optional<Instant> nextRunAt, Optional<FiringRecord> lastFiring) {

    public ScheduleView {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
        Objects.requireNonNull(lastFiring, "lastFiring");
    }
}
