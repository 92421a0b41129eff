package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.Trigger;
import io.pipelinetrigger.core.port.out.FiringTimes;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A run the server starts by itself (docs/schedules.md): when {@code cron} fires in {@code timeZone}, it triggers
 * {@code request} with its own busy policy ({@code reject}: skip this firing; {@code queue}: wait for the active
 * run). {@code catchUp} says what happens to firings missed while no server ran, {@code startingDeadline} how late
 * any firing may still start.
 */
public record Schedule(String name, FiringTimes cron, ZoneId timeZone, TriggerPipelineCommand request,
                       BusyPolicy onBusy, CatchUp catchUp, Duration startingDeadline, boolean enabled) {

    /** How late a firing may start unless the schedule says otherwise. */
    public static final Duration DEFAULT_STARTING_DEADLINE = Duration.ofHours(1);

    public Schedule {
        Objects.requireNonNull(name, "name");
        Trigger.schedule(name);
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(onBusy, "onBusy");
        if (onBusy == BusyPolicy.ATTACH) {
            throw new IllegalArgumentException("a schedule's onBusy is reject or queue, not attach");
        }
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(startingDeadline, "startingDeadline");
        if (startingDeadline.isNegative() || startingDeadline.isZero()) {
            throw new IllegalArgumentException("a starting deadline must be positive, got " + startingDeadline);
        }
    }

    /** What the schedule triggers: its request with the schedule's busy policy. */
    public TriggerPipelineCommand command() {
        return request.withOnBusy(onBusy);
    }
}
