package io.pipelinetrigger.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochNanosTest {

    @Test
    void instants_before_and_after_the_epoch_round_trip_to_the_nanosecond() {
        for (Instant instant : new Instant[] {Instant.parse("2024-03-15T10:15:30.123456789Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.EPOCH}) {
            assertThat(EpochNanos.toInstant(EpochNanos.of(instant))).isEqualTo(instant);
        }
    }

    @Test
    void an_instant_the_store_cannot_keep_is_refused_but_a_cutoff_beyond_the_range_stands_for_its_end() {
        assertThatThrownBy(() -> EpochNanos.of(Instant.parse("2300-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1677 to 2262");

        assertThat(EpochNanos.clamped(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochNanos.clamped(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }
}
