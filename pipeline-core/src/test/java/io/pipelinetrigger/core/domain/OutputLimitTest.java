package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputLimitTest {

    @Test
    void theDefaultIsTenKilobytesAndInsideTheRange() {
        assertThat(OutputLimit.DEFAULT_BYTES).isEqualTo(10_240);
        assertThat(OutputLimit.allows(OutputLimit.DEFAULT_BYTES)).isTrue();
    }

    @Test
    void bothEndsOfTheRangeAreAllowedAndNothingOutside() {
        assertThat(OutputLimit.require(OutputLimit.MIN_BYTES)).isEqualTo(1_024);
        assertThat(OutputLimit.require(OutputLimit.MAX_BYTES)).isEqualTo(10_485_760);
        assertThatThrownBy(() -> OutputLimit.require(1_023)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the output limit must be from 1024 to 10485760 bytes, got 1023");
        assertThatThrownBy(() -> OutputLimit.require(10_485_761)).isInstanceOf(IllegalArgumentException.class);
    }
}
