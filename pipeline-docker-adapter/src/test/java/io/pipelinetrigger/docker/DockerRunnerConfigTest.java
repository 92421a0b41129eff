package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerRunnerConfigTest {

    @Test
    void defaults_are_the_local_socket_no_network_no_extra_labels_and_a_30_second_control_timeout() {
        DockerRunnerConfig config = DockerRunnerConfig.builder().build();

        assertThat(config.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(config.network()).isEmpty();
        assertThat(config.conflictLabels()).isEmpty();
        assertThat(config.controlTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.step(StepName.DBT)).isEmpty();
        assertThat(config.instance()).isEqualTo("default");
        assertThat(config.conflictLabelKeys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "ci-7", "a", "0", "abcdefghijklmnopqrstuvwxyz012345"})
    void an_instance_is_a_short_dns_label(String instance) {
        assertThat(DockerRunnerConfig.builder().instance(instance).build().instance()).isEqualTo(instance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Staging", "-ci", "ci-", "ci_7", "ci.7", "a b", "abcdefghijklmnopqrstuvwxyz0123456"})
    void anything_else_is_refused_as_an_instance(String instance) {
        assertThatThrownBy(() -> DockerRunnerConfig.builder().instance(instance))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
    }

    @Test
    void a_conflict_label_key_alone_matches_any_value() {
        DockerRunnerConfig config = DockerRunnerConfig.builder().conflictLabel("pipeline-trigger.step").build();

        assertThat(config.conflictLabelKeys()).containsExactly("pipeline-trigger.step");
        assertThatThrownBy(() -> DockerRunnerConfig.builder().conflictLabel("a=b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///run/user/1000/docker.sock", "tcp://127.0.0.1:2375", "tcp://docker-host:2376"})
    void docker_host_takes_the_forms_the_docker_cli_reads(String host) {
        assertThat(DockerRunnerConfig.builder().dockerHost(host).build().dockerHost()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/var/run/docker.sock", "ssh://me@server", "tcp://127.0.0.1", "unix://relative.sock", "http://x:2375",
            "npipe:////./pipe/docker_engine"})
    void a_docker_host_this_runner_cannot_reach_is_refused_naming_the_variable(String host) {
        assertThatThrownBy(() -> DockerRunnerConfig.builder().dockerHost(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCKER_HOST");
    }

    @Test
    void steps_network_and_label_filters_are_kept() {
        DockerRunnerConfig config = DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of("acme/dbt:1"))
                .network("lakehouse_default")
                .conflictLabels(Map.of("com.docker.compose.service", "dbt"))
                .controlTimeout(Duration.ofSeconds(5))
                .build();

        assertThat(config.step(StepName.DBT)).contains(DockerStepConfig.of("acme/dbt:1"));
        assertThat(config.network()).contains("lakehouse_default");
        assertThat(config.conflictLabels()).containsExactlyEntriesOf(Map.of("com.docker.compose.service", "dbt"));
        assertThat(config.controlTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_label_filter_needs_a_key() {
        assertThatThrownBy(() -> DockerRunnerConfig.builder().conflictLabel("", "dbt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lake house", "", "-lake", "lake/house", "_lake"})
    void a_network_name_docker_would_refuse_is_refused(String network) {
        assertThatThrownBy(() -> DockerRunnerConfig.builder().network(network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lakehouse_default", "lake.house-1", "1lake"})
    void network_names_of_letters_digits_and_separators_are_accepted(String network) {
        assertThat(DockerRunnerConfig.builder().network(network).build().network()).contains(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad key|x", "service|", "a|b=c", "/service|dbt"})
    void a_label_filter_with_a_malformed_key_or_value_is_refused(String keyAndValue) {
        String[] parts = keyAndValue.split("\\|", -1);
        assertThatThrownBy(() -> DockerRunnerConfig.builder().conflictLabel(parts[0], parts[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void the_control_timeout_must_be_positive() {
        assertThatThrownBy(() -> DockerRunnerConfig.builder().controlTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
