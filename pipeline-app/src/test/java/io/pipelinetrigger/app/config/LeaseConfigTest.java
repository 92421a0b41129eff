package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.application.LeaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.pipelinetrigger.app.config.AppConfigTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lease settings of a replica (docs/configuration.md, docs/operations.md "Replicas"). */
class LeaseConfigTest {

    private static final String POSTGRES = "jdbc:postgresql://db:5432/pipeline";

    @Test
    void aServerOnTheEmbeddedStoreKeepsNoLeases() {
        assertThat(config("PIPELINE_REPLICA_ID", "a").leases().leases()).isEmpty();
    }

    @Test
    void aServerOnAStoreTheUrlNamesIsAReplicaWithTheDefaultTimings() {
        LeaseConfig leases = config("PIPELINE_DB_URL", POSTGRES, "PIPELINE_REPLICA_ID", "web-1").leases();

        assertThat(leases.leases()).contains(new LeaseSettings("web-1", Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
    }

    @Test
    void theLeasesAreHeldUnderTheReplicaIdWithTheTimingsSet() {
        AppConfig config = config("PIPELINE_DB_URL", POSTGRES, "PIPELINE_LEASE_DURATION", "PT1M",
                "PIPELINE_HEARTBEAT_INTERVAL", "PT10S");

        assertThat(config.leases().leases()).hasValueSatisfying(settings -> {
            assertThat(settings.replicaId()).isEqualTo(config.replica().id());
            assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(1));
            assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PIPELINE_LEASE_DURATION | 20s | PIPELINE_LEASE_DURATION must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got \"20s\".",
            "PIPELINE_HEARTBEAT_INTERVAL | PT0S | PIPELINE_HEARTBEAT_INTERVAL must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got \"PT0S\".",
            "PIPELINE_LEASE_DURATION | PT9S | PIPELINE_LEASE_DURATION must be at least twice PIPELINE_HEARTBEAT_INTERVAL (so that one missed renewal does not lose a lease), got PT9S and PT5S.",
    })
    void aWrongValueStopsStartUpWithOneSentenceNamingTheVariable(String variable, String value, String sentence) {
        assertThatThrownBy(() -> config("PIPELINE_DB_URL", POSTGRES, variable, value))
                .isInstanceOf(ConfigException.class).hasMessage(sentence);
    }
}
