package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.Firing;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.port.in.ListSchedulesQuery;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires the schedules (docs/schedules.md). Each tick looks, per enabled schedule, for the latest firing at or
 * before now that the store has not recorded, and fires it at most once: a downtime that missed several firings
 * gives one run ({@code catchUp: once}) or none ({@code skip}), and no firing starts later than the schedule's
 * starting deadline. Time comes only from the injected clock, so tests drive days of firings by moving it and
 * calling {@link #fireDue()}. The store decides every firing: its record is saved with the job (or the skip), so
 * a restart or a second server on the same store never fires it again.
 */
final class Scheduler implements ListSchedulesQuery {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

    private final List<Schedule> schedules;
    private final TriggerPipelineService triggers;
    private final JobRepository repository;
    private final InstantSource clock;
    /** Firings of earlier than this passed while this server did not run: missed, for {@code catchUp}. */
    private final Instant startedAt;
    /** The firing each schedule last left alone, so that each is logged once and not at every tick. */
    private final Map<String, Instant> leftAlone = new HashMap<>();
    /** The firing each schedule last failed to start, so that the retries of each are logged once. */
    private final Map<String, Instant> failing = new HashMap<>();

    Scheduler(List<Schedule> schedules, TriggerPipelineService triggers, JobRepository repository,
              InstantSource clock) {
        this.schedules = List.copyOf(schedules);
        if (schedules.stream().map(Schedule::name).distinct().count() < schedules.size()) {
            throw new IllegalArgumentException("two schedules have the same name: a name keys its firings");
        }
        this.triggers = triggers;
        this.repository = repository;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    boolean isEmpty() {
        return schedules.isEmpty();
    }

    /** Fires every schedule that is due now; never throws (what failed is tried again at the next tick). */
    synchronized void fireDue() {
        if (schedules.stream().noneMatch(Schedule::enabled)) {
            return;
        }
        try {
            Map<String, FiringRecord> last = lastFirings();
            Instant now = clock.instant();
            for (Schedule schedule : schedules) {
                if (schedule.enabled()) {
                    fireIfDue(schedule, Optional.ofNullable(last.get(schedule.name())), now);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the schedules could not be checked; they are checked again at the"
                    + " next tick", e);
        }
    }

    private void fireIfDue(Schedule schedule, Optional<FiringRecord> last, Instant now) {
        Optional<Instant> due = schedule.cron().lastAtOrBefore(now.atZone(schedule.timeZone()))
                .map(ZonedDateTime::toInstant);
        if (due.isEmpty() || last.filter(l -> !due.get().isAfter(l.firing().scheduledFor())).isPresent()) {
            return; // nothing due, or the latest firing is recorded already
        }
        Optional<String> leaveAlone = whyNotFire(schedule, last, due.get(), now);
        if (leaveAlone.isPresent()) {
            if (!due.get().equals(leftAlone.put(schedule.name(), due.get()))) {
                LOG.log(System.Logger.Level.INFO, "schedule " + schedule.name() + " does not fire for " + due.get()
                        + ": " + leaveAlone.get());
            }
            return;
        }
        fire(schedule, new Firing(schedule.name(), due.get()), now);
    }

    private Optional<String> whyNotFire(Schedule schedule, Optional<FiringRecord> last, Instant due, Instant now) {
        boolean missedWhileDown = due.isBefore(startedAt);
        if (missedWhileDown && last.isEmpty()) {
            return Optional.of("it was due before this server started and the schedule has never fired");
        }
        if (missedWhileDown && schedule.catchUp() == CatchUp.SKIP) {
            return Optional.of("it was missed while no server ran, and catchUp is \"skip\"");
        }
        Duration late = Duration.between(due, now);
        if (late.compareTo(schedule.startingDeadline()) > 0) {
            return Optional.of("it is " + StopRequest.readable(late) + " late, more than its starting deadline of "
                    + StopRequest.readable(schedule.startingDeadline()));
        }
        return Optional.empty();
    }

    private void fire(Schedule schedule, Firing firing, Instant now) {
        try {
            TriggerAnswer answer = triggers.fire(schedule.command(), firing);
            LOG.log(System.Logger.Level.INFO, "schedule " + schedule.name() + " fired for " + firing.scheduledFor()
                    + ": job " + answer.job().id() + " is " + answer.job().status().wireName());
        } catch (FiringAlreadyRecordedException elsewhere) {
            LOG.log(System.Logger.Level.DEBUG, "schedule " + schedule.name() + ": " + elsewhere.getMessage());
        } catch (PipelineBusyException busy) {
            String reason = "Skipped (onBusy " + schedule.onBusy().wireName() + "): " + busy.getMessage();
            if (repository.recordFiring(firing.skipped(reason, now))) {
                LOG.log(System.Logger.Level.INFO, "schedule " + schedule.name() + " skipped its firing for "
                        + firing.scheduledFor() + ": " + busy.getMessage());
            }
        } catch (RuntimeException e) {
            if (!firing.scheduledFor().equals(failing.put(schedule.name(), firing.scheduledFor()))) {
                LOG.log(System.Logger.Level.WARNING, "schedule " + schedule.name() + " could not fire for "
                        + firing.scheduledFor() + " (" + e.getMessage() + "); it tries again every tick until its"
                        + " starting deadline", e);
            }
        }
    }

    @Override
    public List<ScheduleView> listSchedules() {
        Map<String, FiringRecord> last = schedules.isEmpty() ? Map.of() : lastFirings();
        Instant now = clock.instant();
        return schedules.stream().map(schedule -> new ScheduleView(schedule, nextRun(schedule, now),
                Optional.ofNullable(last.get(schedule.name())))).toList();
    }

    private static Optional<Instant> nextRun(Schedule schedule, Instant now) {
        if (!schedule.enabled()) {
            return Optional.empty();
        }
        return schedule.cron().nextAfter(now.atZone(schedule.timeZone())).map(ZonedDateTime::toInstant);
    }

    private Map<String, FiringRecord> lastFirings() {
        return repository.lastFirings().stream()
                .collect(Collectors.toMap(f -> f.firing().schedule(), Function.identity(), 
                        (a, b) -> a.firing().scheduledFor().isAfter(b.firing().scheduledFor()) ? a : b));
    }
}
