package io.pipelinetrigger.schedule;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler with real cron expressions in Europe/Berlin, driven by a controlled clock over the two
 * daylight-saving days of 2024: each wall-clock firing runs exactly once.
 */
@Timeout(60)
class ScheduledRunsOverDaylightSavingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<String> runsBetween(String from, String to) throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse(from));
        Schedule nightly = new Schedule("nightly", CronExpressions.parse("30 2 * * *"), BERLIN,
                TriggerPipelineCommand.of(Pipeline.FULL), BusyPolicy.REJECT, CatchUp.ONCE, Duration.ofHours(1), true);
        FakeContainerRunner runner = new FakeContainerRunner().on(StepName.INGESTER, FakeStep.exiting(0))
                .on(StepName.DBT, FakeStep.exiting(0));
        try (PipelineTrigger server = PipelineTrigger.builder().containerRunner(runner).clock(clock)
                .retention(Duration.ofDays(10)).schedules(List.of(nightly)).build()) {
            Instant end = Instant.parse(to);
            while (clock.instant().isBefore(end)) {
                clock.advance(Duration.ofMinutes(5));
                server.fireDueSchedules();
                for (Job job : server.listJobs()) {
                    Polling.untilFinished(server, job.id());
                }
            }
            return server.listJobs().stream().map(Job::createdAt).sorted()
                    .map(at -> at.atZone(BERLIN).toOffsetDateTime().toString()).toList();
        }
    }

    @Test
    void a_half_past_two_schedule_runs_once_on_the_spring_forward_day_at_three() throws Exception {
        assertThat(runsBetween("2024-03-29T23:00:00Z", "2024-04-01T10:00:00Z")).containsExactly(
                "2024-03-30T02:30+01:00", "2024-03-31T03:00+02:00", "2024-04-01T02:30+02:00");
    }

    @Test
    void a_half_past_two_schedule_runs_once_on_the_fall_back_day() throws Exception {
        assertThat(runsBetween("2024-10-25T22:00:00Z", "2024-10-28T11:00:00Z")).containsExactly(
                "2024-10-26T02:30+02:00", "2024-10-27T02:30+02:00", "2024-10-28T02:30+01:00");
    }
}
