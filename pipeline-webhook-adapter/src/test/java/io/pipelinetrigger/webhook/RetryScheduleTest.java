package io.pipelinetrigger.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2024-03-15T00:00:00Z");

    @Test
    void delays_grow_from_five_seconds_to_ten_hours() {
        assertThat(RetrySchedule.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetrySchedule.delay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.delay(3)).isEqualTo(Duration.ofMinutes(3));
        assertThat(RetrySchedule.delay(6)).isEqualTo(Duration.ofHours(10));
        assertThat(RetrySchedule.delay(7)).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void jitter_keeps_each_retry_within_a_fifth_of_its_delay_and_the_eighth_failure_gives_up() {
        RetrySchedule schedule = new RetrySchedule(new Random(3));
        for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
            Duration delay = RetrySchedule.delay(attempt);
            for (int i = 0; i < 50; i++) {
                Instant next = schedule.next(attempt, NOW).orElseThrow();
                assertThat(Duration.between(NOW, next)).isBetween(delay.multipliedBy(8).dividedBy(10),
                        delay.multipliedBy(12).dividedBy(10));
            }
        }
        assertThat(schedule.next(RetrySchedule.MAX_ATTEMPTS, NOW)).isEmpty();
    }
}
