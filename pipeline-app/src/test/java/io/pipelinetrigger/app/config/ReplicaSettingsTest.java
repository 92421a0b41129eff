package io.pipelinetrigger.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PIPELINE_REPLICA_ID and PIPELINE_LOG_ARCHIVE: a server among replicas, and where its log goes. */
class ReplicaSettingsTest {

    @Test
    void aGivenReplicaIdIsTakenAsItIs() {
        assertThat(AppConfigTest.config("PIPELINE_REPLICA_ID", "web-1.eu_west").replica().id()).isEqualTo("web-1.eu_west");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-web", "web 1", "web/1", "wéb", "a234567890123456789012345678901234567890123456789012345678901234"})
    void aReplicaIdOutsideTheAllowedCharactersStopsStartUpNamingTheVariable(String id) {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_REPLICA_ID", id)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PIPELINE_REPLICA_ID must be 1 to 63 letters, digits, '.', '_' or '-'");
    }

    @Test
    void theDefaultIsTheHostNameAndThePidSoTwoServersOnOneHostDiffer() {
        assertThat(AppConfigTest.config("HOSTNAME", "b3f1c2d4e5a6").replica().id())
                .isEqualTo("b3f1c2d4e5a6-" + ProcessHandle.current().pid());
        assertThat(ReplicaSettings.defaultId(Optional.of("Build Host.example.com"), 42)).isEqualTo("build-host.example.com-42");
        assertThat(ReplicaSettings.defaultId(Optional.of("--"), 7)).isEqualTo("replica-7");
        String longHost = "h".repeat(80);
        String id = ReplicaSettings.defaultId(Optional.of(longHost), 1234567);
        assertThat(id).hasSize(63).endsWith("-1234567");
        assertThat(new ReplicaSettings(id).id()).isEqualTo(id);
    }

    @Test
    void theLogGoesToTheStoreWhenItIsPostgresqlAndToFilesOtherwiseUnlessTold() {
        assertThat(AppConfigTest.config().store().logArchive()).isEqualTo(LogArchive.FILES);
        assertThat(AppConfigTest.config("PIPELINE_DB_URL", "jdbc:postgresql://db:5432/pipeline").store().logArchive())
                .isEqualTo(LogArchive.STORE);
        assertThat(AppConfigTest.config("PIPELINE_DB_URL", "jdbc:h2:tcp://db/pipeline").store().logArchive())
                .isEqualTo(LogArchive.FILES);
        assertThat(AppConfigTest.config("PIPELINE_DB_URL", "jdbc:postgresql://db:5432/pipeline",
                "PIPELINE_LOG_ARCHIVE", "files").store().logArchive()).isEqualTo(LogArchive.FILES);
        assertThat(AppConfigTest.config("PIPELINE_LOG_ARCHIVE", "store").store().logArchive()).isEqualTo(LogArchive.STORE);
        assertThat(AppConfigTest.config("PIPELINE_LOG_ARCHIVE", "store").store().describe())
                .contains("step output archived in the job store");
    }

    @Test
    void anUnknownLogArchiveStopsStartUpNamingTheChoices() {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_LOG_ARCHIVE", "s3")).isInstanceOf(ConfigException.class)
                .hasMessage("PIPELINE_LOG_ARCHIVE must be files or store, got \"s3\".");
    }
}
