package io.pipelinetrigger.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void plainSecondsUnitsCombinationsAndIsoAreRead() {
        assertThat(Durations.parse("--timeout", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("--timeout", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("--timeout", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("--timeout", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("--timeout", "2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("--timeout", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroAndGibberishAreBadUsage() {
        assertThatThrownBy(() -> Durations.parse("--timeout", "0")).isInstanceOf(CliException.class)
                .hasMessageContaining("above zero").extracting(e -> ((CliException) e).exitCode()).isEqualTo(64);
        assertThatThrownBy(() -> Durations.parse("--timeout", "10x")).hasMessageContaining("did you mean 10s?");
        assertThatThrownBy(() -> Durations.parse("--timeout", "-5m")).hasMessageContaining("for example");
    }

    @Test
    void formatsForPeople() {
        assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Durations.format(Duration.ofSeconds(62))).isEqualTo("1m02s");
        assertThat(Durations.format(Duration.ofSeconds(3723))).isEqualTo("1h02m03s");
    }
}
