package io.pipelinetrigger.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import io.pipelinetrigger.core.port.out.FiringTimes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Firing times of one parsed expression (docs/schedules.md, "Daylight saving"). cron-utils matches the
 * expression against wall-clock times of the schedule's zone, walked as plain local times; this class then places
 * each on the time line: a wall-clock time that a spring-forward skips fires once, at the first valid time after
 * the gap (02:30 fires at 03:00), and one that a fall-back repeats fires once, at its first occurrence. (Left to
 * cron-utils over zoned times, a skipped 02:30 did not fire that day, and a repeated one could fire twice.)
 */
final class CronUtilsFiringTimes implements FiringTimes {

    /** More than any daylight-saving shift: where the walk over local times starts around the given time. */
    private static final Duration SHIFT_MARGIN = Duration.ofHours(3);
    /** A bound on the walk, so that a corner of cron-utils can never spin a thread. */
    private static final int MAX_STEPS = 10_000;

    private final String expression;
    private final ExecutionTime executionTime;

    CronUtilsFiringTimes(String expression, Cron cron) {
        this.expression = expression;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        Instant after = time.toInstant();
        ZonedDateTime local = asLocal(time.toLocalDateTime().minus(SHIFT_MARGIN));
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = executionTime.nextExecution(local);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            ZonedDateTime placed = place(next.get().toLocalDateTime(), zone);
            if (placed.toInstant().isAfter(after)) {
                return Optional.of(placed);
            }
            local = next.get();
        }
        return Optional.empty();
    }

    @Override
    public Optional<ZonedDateTime> lastAtOrBefore(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        Instant notAfter = time.toInstant();
        ZonedDateTime local = asLocal(time.toLocalDateTime().plus(SHIFT_MARGIN).truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1));
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> last = executionTime.lastExecution(local);
            if (last.isEmpty()) {
                return Optional.empty();
            }
            ZonedDateTime placed = place(last.get().toLocalDateTime(), zone);
            if (!placed.toInstant().isAfter(notAfter)) {
                return Optional.of(placed);
            }
            local = last.get();
        }
        return Optional.empty();
    }

    /** A wall-clock time as cron-utils walks it: in a zone without daylight saving, so every minute exists once. */
    private static ZonedDateTime asLocal(LocalDateTime wallClock) {
        return wallClock.atZone(ZoneOffset.UTC);
    }

    /** Where a matching wall-clock time fires: its first occurrence, or the end of the gap that skips it. */
    private static ZonedDateTime place(LocalDateTime wallClock, ZoneId zone) {
        if (zone.getRules().getValidOffsets(wallClock).isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(wallClock);
            return gap.getInstant().atZone(zone);
        }
        return ZonedDateTime.ofLocal(wallClock, zone, null).withEarlierOffsetAtOverlap();
    }

    @Override
    public String toString() {
        return expression;
    }
}
