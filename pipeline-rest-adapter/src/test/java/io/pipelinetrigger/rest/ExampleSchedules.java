package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.fixtures.Crons;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The two schedules of docs/schedules.md's examples, as the schedules route's tests give them to a server. */
final class ExampleSchedules {

    private ExampleSchedules() {
    }

    /** A nightly full run at 02:00 Berlin time that queues when busy, and an hourly dbt test skipped when busy. */
    static List<Schedule> nightlyFullAndHourlyTest() {
        Schedule nightly = new Schedule("nightly-full", Crons.dailyAt(LocalTime.of(2, 0)), ZoneId.of("Europe/Berlin"),
                TriggerPipelineCommand.of(Pipeline.FULL), BusyPolicy.QUEUE, CatchUp.ONCE, Duration.ofHours(2), true);
        Schedule hourly = new Schedule("hourly-test", Crons.hourly(), ZoneId.of("UTC"),
                new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.TEST), Optional.of(false),
                        Optional.empty(), Optional.of(Duration.ofMinutes(30))),
                BusyPolicy.REJECT, CatchUp.SKIP, Duration.ofMinutes(10), true);
        return List.of(nightly, hourly);
    }
}
