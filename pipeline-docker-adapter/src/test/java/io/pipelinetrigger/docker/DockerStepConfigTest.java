package io.pipelinetrigger.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerStepConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"/srv/dbt:/app", "/srv/dbt/profiles:/root/.dbt:ro", "/srv/out:/out:rw", "dbt_packages:/app/dbt_packages"})
    void binds_of_the_compose_form_are_accepted(String bind) {
        assertThat(DockerStepConfig.of("acme/dbt:1").withBinds(List.of(bind)).binds()).containsExactly(bind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/dbt", "./dbt:/app", "/srv/dbt:app", "/srv/dbt:/app:rx", "/a:/b:ro:extra", ":/app", "/srv/dbt:",
            "v:/app"})
    void a_malformed_bind_is_refused_with_the_expected_form(String bind) {
        assertThatThrownBy(() -> DockerStepConfig.of("acme/dbt:1").withBinds(List.of(bind)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:container")
                .hasMessageContaining(bind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "acme/dbt 1"})
    void an_image_name_must_be_one_word(String image) {
        assertThatThrownBy(() -> DockerStepConfig.of(image)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_empty_command_override_is_refused() {
        assertThatThrownBy(() -> DockerStepConfig.of("acme/dbt:1").withCommand(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command");
    }

    @Test
    void a_memory_limit_below_what_docker_accepts_is_refused() {
        assertThatThrownBy(() -> DockerStepConfig.of("acme/dbt:1").withMemoryLimitBytes(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 MiB");
    }

    @Test
    void an_environment_name_with_an_equals_sign_is_refused() {
        assertThatThrownBy(() -> DockerStepConfig.of("acme/dbt:1").withEnvironment(Map.of("A=B", "c")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_environment_name_with_a_dash_is_refused() {
        assertThatThrownBy(() -> DockerStepConfig.of("acme/dbt:1").withEnvironment(Map.of("DBT-TARGET", "prod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DBT-TARGET");
    }

    @Test
    void collections_are_copied_so_later_changes_do_not_leak_in() {
        List<String> command = new ArrayList<>(List.of("dbt"));
        DockerStepConfig config = DockerStepConfig.of("acme/dbt:1").withCommand(command);
        command.add("--debug");

        assertThat(config.command()).contains(List.of("dbt"));
        assertThat(config.memoryLimitBytes()).isEqualTo(Optional.empty());
    }
}
