package io.pipelinetrigger.schedule;

import io.pipelinetrigger.core.port.out.FiringTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronExpressionsTest {

    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.of(2024, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "0 2 * * *,       2024-03-16T02:00Z",
            "*/15 * * * *,    2024-03-15T12:15Z",
            "0 9 * * 1-5,     2024-03-18T09:00Z",
            "30 6 1 * *,      2024-04-01T06:30Z",
            "@daily,          2024-03-16T00:00Z",
            "@midnight,       2024-03-16T00:00Z",
            "@hourly,         2024-03-15T13:00Z",
            "@weekly,         2024-03-17T00:00Z",
            "@monthly,        2024-04-01T00:00Z",
            "@yearly,         2025-01-01T00:00Z",
            "@ANNUALLY,       2025-01-01T00:00Z"})
    void five_fields_and_macros_give_the_next_firing(String expression, String next) {
        FiringTimes times = CronExpressions.parse(expression);

        assertThat(times.nextAfter(FRIDAY_NOON)).map(ZonedDateTime::toString).contains(next);
        assertThat(times.expression()).isEqualTo(expression);
    }

    @Test
    void the_last_firing_at_or_before_includes_the_time_itself() {
        FiringTimes everyHour = CronExpressions.parse("0 * * * *");

        assertThat(everyHour.lastAtOrBefore(FRIDAY_NOON)).contains(FRIDAY_NOON);
        assertThat(everyHour.lastAtOrBefore(FRIDAY_NOON.minusSeconds(1))).contains(FRIDAY_NOON.minusHours(1));
        assertThat(everyHour.nextAfter(FRIDAY_NOON)).contains(FRIDAY_NOON.plusHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * *", "0 0 2 * * *", "61 * * * *", "0 25 * * *", "every day", "0 2 * * MON-XYZ"})
    void a_malformed_expression_is_refused_with_one_sentence_naming_it(String expression) {
        assertThatThrownBy(() -> CronExpressions.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The cron expression \"" + expression + "\" is not valid")
                .hasMessageContaining("five fields");
    }

    @Test
    void an_unknown_macro_empty_text_and_reboot_are_refused() {
        assertThatThrownBy(() -> CronExpressions.parse("@nightly")).hasMessageContaining("macro \"@nightly\" is unknown");
        assertThatThrownBy(() -> CronExpressions.parse("  ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CronExpressions.parse("@reboot")).hasMessageContaining("not a schedule");
    }
}
