package io.pipelinetrigger.schedule;

import io.pipelinetrigger.core.port.out.FiringTimes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Firing times over the daylight-saving changes of a real zone (docs/schedules.md, "Daylight saving"). */
class DaylightSavingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Every firing from {@code from} (exclusive) to {@code to}, as ISO offsets, walked with nextAfter. */
    private static List<String> firings(String expression, String from, String to) {
        FiringTimes times = CronExpressions.parse(expression);
        ZonedDateTime at = ZonedDateTime.parse(from).withZoneSameInstant(BERLIN);
        Instant end = ZonedDateTime.parse(to).toInstant();
        List<String> firings = new ArrayList<>();
        for (ZonedDateTime next = times.nextAfter(at).orElseThrow(); !next.toInstant().isAfter(end);
             next = times.nextAfter(next).orElseThrow()) {
            firings.add(next.toOffsetDateTime().toString());
        }
        return firings;
    }

    @Test
    void on_a_spring_forward_day_a_skipped_time_fires_once_at_the_first_valid_time() {
        assertThat(firings("30 2 * * *", "2024-03-30T00:00+01:00", "2024-04-01T12:00+02:00")).containsExactly(
                "2024-03-30T02:30+01:00", "2024-03-31T03:00+02:00", "2024-04-01T02:30+02:00");
    }

    @Test
    void on_a_fall_back_day_a_repeated_time_fires_once_at_its_first_occurrence() {
        assertThat(firings("30 2 * * *", "2024-10-26T00:00+02:00", "2024-10-28T12:00+01:00")).containsExactly(
                "2024-10-26T02:30+02:00", "2024-10-27T02:30+02:00", "2024-10-28T02:30+01:00");
    }

    @Test
    void an_hourly_schedule_fires_once_per_wall_clock_hour_across_both_changes() {
        assertThat(firings("0 * * * *", "2024-03-31T00:30+01:00", "2024-03-31T04:30+02:00")).containsExactly(
                "2024-03-31T01:00+01:00", "2024-03-31T03:00+02:00", "2024-03-31T04:00+02:00");
        assertThat(firings("0 * * * *", "2024-10-27T00:30+02:00", "2024-10-27T04:30+01:00")).containsExactly(
                "2024-10-27T01:00+02:00", "2024-10-27T02:00+02:00", "2024-10-27T03:00+01:00",
                "2024-10-27T04:00+01:00");
    }

    @Test
    void the_last_firing_looked_up_inside_the_repeated_hour_is_the_one_that_already_fired() {
        FiringTimes times = CronExpressions.parse("30 2 * * *");
        ZonedDateTime secondTwoForty = ZonedDateTime.parse("2024-10-27T02:40+01:00[Europe/Berlin]");
        ZonedDateTime afterTheGap = ZonedDateTime.parse("2024-03-31T03:10+02:00[Europe/Berlin]");

        assertThat(times.lastAtOrBefore(secondTwoForty)).map(t -> t.toOffsetDateTime().toString())
                .contains("2024-10-27T02:30+02:00");
        assertThat(times.lastAtOrBefore(afterTheGap)).map(t -> t.toOffsetDateTime().toString())
                .contains("2024-03-31T03:00+02:00");
    }
}
