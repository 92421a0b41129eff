package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Crons;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.FiringTimes;
import io.pipelinetrigger.core.port.out.JobRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Schedules fired by a controlled clock (docs/schedules.md): no test here sleeps for a firing. */
@Timeout(30)
class SchedulerTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final JobRepository store = new InMemoryJobRepository();
    private final List<PipelineTrigger> servers = new ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(PipelineTrigger::close);
    }

    private static Schedule schedule(String name, FiringTimes cron, BusyPolicy onBusy, CatchUp catchUp,
                                     Duration startingDeadline, boolean enabled) {
        TriggerPipelineCommand request = new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.TEST),
                Optional.empty(), Optional.empty());
        return new Schedule(name, cron, ZoneOffset.UTC, request, onBusy, catchUp, startingDeadline, enabled);
    }

    private static Schedule nightly(CatchUp catchUp) {
        return schedule("nightly", Crons.dailyAt(LocalTime.of(2, 0)), BusyPolicy.REJECT, catchUp,
                Duration.ofHours(1), true);
    }

    private PipelineTrigger server(FakeContainerRunner runner, Schedule... schedules) {
        PipelineTrigger server = PipelineTrigger.builder().containerRunner(runner).clock(clock).jobRepository(store)
                .retention(Duration.ofDays(30)).schedules(List.of(schedules)).build();
        servers.add(server);
        return server;
    }

    private static FakeContainerRunner exitingRunner() {
        return new FakeContainerRunner().on(StepName.DBT, FakeStep.exiting(0));
    }

    private List<Job> scheduledJobs() {
        return store.findAll().stream().filter(j -> j.trigger().wireName().startsWith("schedule:")).toList();
    }

    private void tickEvery(PipelineTrigger server, Duration step, Duration total) throws InterruptedException {
        for (Duration passed = Duration.ZERO; passed.compareTo(total) < 0; passed = passed.plus(step)) {
            clock.advance(step);
            server.fireDueSchedules();
            for (Job job : scheduledJobs()) {
                Polling.untilFinished(server, job.id());
            }
        }
    }

    @Test
    void a_daily_schedule_fires_once_a_day_over_three_days_however_often_it_is_checked() throws Exception {
        PipelineTrigger server = server(exitingRunner(), nightly(CatchUp.ONCE));

        tickEvery(server, Duration.ofMinutes(7), Duration.ofDays(3));

        assertThat(scheduledJobs()).hasSize(3).allSatisfy(job -> {
            assertThat(job.trigger().wireName()).isEqualTo("schedule:nightly");
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.spec().command()).contains(DbtCommand.TEST);
        });
        assertThat(scheduledJobs()).extracting(j -> j.createdAt().atZone(ZoneOffset.UTC).getHour())
                .containsOnly(2);
        FiringRecord last = store.lastFirings().get(0);
        assertThat(last.firing().scheduledFor()).isEqualTo(Instant.parse("2024-03-17T02:00:00Z"));
        assertThat(last.result()).isEqualTo(FiringRecord.Result.STARTED);
        assertThat(last.jobId()).contains(scheduledJobs().get(0).id());
    }

    @Test
    void the_list_shows_the_next_and_the_last_run() throws Exception {
        PipelineTrigger server = server(exitingRunner(), nightly(CatchUp.ONCE));
        ScheduleView before = server.listSchedules().get(0);
        assertThat(before.nextRunAt()).contains(Instant.parse("2024-03-15T02:00:00Z"));
        assertThat(before.lastFiring()).isEmpty();

        clock.advance(Duration.ofHours(2).plusSeconds(1));
        server.fireDueSchedules();

        ScheduleView after = server.listSchedules().get(0);
        assertThat(after.nextRunAt()).contains(Instant.parse("2024-03-16T02:00:00Z"));
        assertThat(after.lastFiring()).map(f -> f.firing().scheduledFor())
                .contains(Instant.parse("2024-03-15T02:00:00Z"));
        assertThat(after.lastFiring().flatMap(FiringRecord::jobId)).contains(scheduledJobs().get(0).id());
    }

    @Test
    void a_disabled_schedule_never_fires_and_shows_no_next_run() throws Exception {
        Schedule disabled = schedule("off", Crons.hourly(), BusyPolicy.REJECT, CatchUp.ONCE, Duration.ofHours(1),
                false);
        PipelineTrigger server = server(exitingRunner(), disabled);

        tickEvery(server, Duration.ofMinutes(30), Duration.ofDays(1));

        assertThat(scheduledJobs()).isEmpty();
        assertThat(server.listSchedules().get(0).nextRunAt()).isEmpty();
    }

    @Test
    void a_restart_on_the_same_store_never_fires_a_recorded_firing_again() throws Exception {
        PipelineTrigger first = server(exitingRunner(), nightly(CatchUp.ONCE));
        clock.advance(Duration.ofHours(2).plusSeconds(5));
        first.fireDueSchedules();
        Polling.untilFinished(first, scheduledJobs().get(0).id());
        first.close();

        clock.advance(Duration.ofSeconds(10));
        PipelineTrigger restarted = server(exitingRunner(), nightly(CatchUp.ONCE));
        restarted.fireDueSchedules();

        assertThat(scheduledJobs()).hasSize(1);
    }

    @Test
    void two_servers_on_one_store_fire_each_firing_once() throws Exception {
        PipelineTrigger one = server(exitingRunner(), nightly(CatchUp.ONCE));
        PipelineTrigger two = server(exitingRunner(), nightly(CatchUp.ONCE));
        clock.advance(Duration.ofHours(2));

        one.fireDueSchedules();
        two.fireDueSchedules();
        Polling.untilFinished(one, scheduledJobs().get(0).id());
        one.fireDueSchedules();
        two.fireDueSchedules();

        assertThat(scheduledJobs()).hasSize(1);
    }

    @Test
    void after_a_downtime_catch_up_once_runs_once_for_all_missed_firings() throws Exception {
        PipelineTrigger first = server(exitingRunner(), nightly(CatchUp.ONCE));
        clock.advance(Duration.ofHours(2));
        first.fireDueSchedules();
        Polling.untilFinished(first, scheduledJobs().get(0).id());
        first.close();

        clock.advance(Duration.ofDays(2).plusMinutes(30)); // down over two firings; restarted at 02:30
        PipelineTrigger restarted = server(exitingRunner(), nightly(CatchUp.ONCE));
        restarted.fireDueSchedules();
        restarted.fireDueSchedules();

        assertThat(scheduledJobs()).hasSize(2);
        assertThat(store.lastFirings().get(0).firing().scheduledFor())
                .isEqualTo(Instant.parse("2024-03-17T02:00:00Z"));
        assertThat(scheduledJobs().get(0).createdAt()).isEqualTo(Instant.parse("2024-03-17T02:30:00Z"));
    }

    @Test
    void after_a_downtime_catch_up_once_runs_nothing_when_the_latest_missed_firing_is_past_its_deadline()
            throws Exception {
        PipelineTrigger first = server(exitingRunner(), nightly(CatchUp.ONCE));
        clock.advance(Duration.ofHours(2));
        first.fireDueSchedules();
        Polling.untilFinished(first, scheduledJobs().get(0).id());
        first.close();

        clock.advance(Duration.ofDays(1).plusHours(3)); // restarted at 05:00, three hours after the firing
        PipelineTrigger restarted = server(exitingRunner(), nightly(CatchUp.ONCE));
        restarted.fireDueSchedules();

        assertThat(scheduledJobs()).hasSize(1);
        assertThat(restarted.listSchedules().get(0).nextRunAt()).contains(Instant.parse("2024-03-17T02:00:00Z"));
    }

    @Test
    void after_a_downtime_catch_up_skip_runs_nothing_and_fires_again_at_the_next_firing() throws Exception {
        PipelineTrigger first = server(exitingRunner(), nightly(CatchUp.SKIP));
        clock.advance(Duration.ofHours(2));
        first.fireDueSchedules();
        Polling.untilFinished(first, scheduledJobs().get(0).id());
        first.close();

        clock.advance(Duration.ofDays(1).plusMinutes(10)); // restarted at 02:10, ten minutes after the firing
        PipelineTrigger restarted = server(exitingRunner(), nightly(CatchUp.SKIP));
        restarted.fireDueSchedules();
        assertThat(scheduledJobs()).hasSize(1);

        tickEvery(restarted, Duration.ofMinutes(10), Duration.ofDays(1));
        assertThat(scheduledJobs()).hasSize(2);
        assertThat(scheduledJobs().get(0).createdAt().atZone(ZoneOffset.UTC).toLocalDate())
                .hasToString("2024-03-17");
    }

    @Test
    void a_new_schedule_does_not_fire_for_a_time_before_the_server_started() throws Exception {
        clock.advance(Duration.ofHours(2).plusMinutes(10));
        PipelineTrigger server = server(exitingRunner(), nightly(CatchUp.ONCE));

        server.fireDueSchedules();

        assertThat(scheduledJobs()).isEmpty();
    }

    @Test
    void busy_with_on_busy_reject_records_the_firing_as_skipped_with_the_reason() throws Exception {
        FakeStep longRun = FakeStep.runningUntilReleased();
        PipelineTrigger server = server(new FakeContainerRunner().on(StepName.DBT, longRun), nightly(CatchUp.ONCE));
        Job manual = server.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        longRun.awaitStarted();

        clock.advance(Duration.ofHours(2));
        server.fireDueSchedules();
        server.fireDueSchedules();

        assertThat(scheduledJobs()).isEmpty();
        FiringRecord skipped = server.listSchedules().get(0).lastFiring().orElseThrow();
        assertThat(skipped.result()).isEqualTo(FiringRecord.Result.SKIPPED);
        assertThat(skipped.jobId()).isEmpty();
        assertThat(skipped.skipReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Skipped (onBusy reject): ").contains(manual.id().value()));
        longRun.finish();
        Polling.untilFinished(server, manual.id());
        server.fireDueSchedules();
        assertThat(scheduledJobs()).isEmpty(); // the skipped firing stays skipped
    }

    @Test
    void busy_with_on_busy_queue_queues_the_run_which_starts_when_the_active_one_ends() throws Exception {
        FakeStep longRun = FakeStep.runningUntilReleased();
        Schedule queueing = schedule("hourly-test", Crons.hourly(), BusyPolicy.QUEUE, CatchUp.SKIP,
                Duration.ofMinutes(5), true);
        PipelineTrigger server = server(new FakeContainerRunner().on(StepName.DBT, longRun), queueing);
        Job manual = server.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        longRun.awaitStarted();

        clock.advance(Duration.ofHours(1));
        server.fireDueSchedules();

        assertThat(scheduledJobs()).singleElement().satisfies(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.trigger().wireName()).isEqualTo("schedule:hourly-test");
        });
        FiringRecord queued = server.listSchedules().get(0).lastFiring().orElseThrow();
        assertThat(queued.result()).isEqualTo(FiringRecord.Result.QUEUED);
        assertThat(queued.jobId()).contains(scheduledJobs().get(0).id());

        longRun.finish();
        Polling.untilFinished(server, manual.id());
        Job ran = Polling.untilFinished(server, scheduledJobs().get(0).id());
        assertThat(ran.status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_firing_found_later_than_its_starting_deadline_does_not_run() throws Exception {
        Schedule tight = schedule("tight", Crons.hourly(), BusyPolicy.REJECT, CatchUp.ONCE, Duration.ofMinutes(5),
                true);
        PipelineTrigger server = server(exitingRunner(), tight);

        clock.advance(Duration.ofHours(1).plusMinutes(6)); // the store or the thread was stuck for six minutes
        server.fireDueSchedules();

        assertThat(scheduledJobs()).isEmpty();
        clock.advance(Duration.ofMinutes(54));
        server.fireDueSchedules();
        assertThat(scheduledJobs()).hasSize(1);
    }
}
