package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.BusyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static io.pipelinetrigger.app.config.AppConfigTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a trigger does while another run is active when it does not say (docs/configuration.md, docs/api.md). */
class BusySettingsTest {

    @Test
    void byDefaultABusyTriggerIsRejectedTenMayQueueAndAQueuedJobWaitsWithoutLimit() {
        assertThat(config().busy()).isEqualTo(new BusySettings(BusyPolicy.REJECT, 10, Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({"reject, REJECT", "attach, ATTACH", "queue, QUEUE"})
    void theServerDefaultPolicyIsTheOneNamed(String value, BusyPolicy policy) {
        assertThat(config("PIPELINE_ON_BUSY", value).busy().defaultOnBusy()).isEqualTo(policy);
    }

    @Test
    void theQueueLimitAndTheDefaultQueueTimeoutAreTheOnesSet() {
        BusySettings busy = config("PIPELINE_QUEUE_LIMIT", "3", "PIPELINE_QUEUE_TIMEOUT", "PT2H").busy();

        assertThat(busy.queueLimit()).isEqualTo(3);
        assertThat(busy.defaultQueueTimeout()).contains(Duration.ofHours(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PIPELINE_ON_BUSY | wait",
            "PIPELINE_QUEUE_LIMIT | -1",
            "PIPELINE_QUEUE_LIMIT | 1001",
            "PIPELINE_QUEUE_TIMEOUT | 2h",
    })
    void aWrongValueStopsStartUpWithOneSentenceNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> config(variable, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable)
                .hasMessageContaining("\"" + value + "\"");
    }
}
