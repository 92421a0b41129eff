package io.pipelinetrigger.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class EngineCallExceptionTest {

    private static final String HOST = "unix:///var/run/docker.sock";

    @Test
    void an_engine_answer_keeps_its_status_and_only_the_engines_own_message() {
        EngineCallException e = EngineCallException.from(
                new NotFoundException("{\"message\":\"No such image: acme/dbt:1\"}\n"), HOST);

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.engineDidNotAnswer()).isFalse();
        assertThat(e.engineMessage()).isEqualTo("No such image: acme/dbt:1");
    }

    @Test
    void escapes_in_the_engines_json_message_are_undone() {
        EngineCallException e = EngineCallException.from(new ConflictException(
                "{\"message\":\"Conflict. The container name \\\"/pipeline-dbt-x\\\" is already in use \\u0026 taken\"}"), HOST);

        assertThat(e.is(409)).isTrue();
        assertThat(e.engineMessage()).isEqualTo("Conflict. The container name \"/pipeline-dbt-x\" is already in use & taken");
    }

    @Test
    void a_body_that_is_not_json_is_kept_as_it_came() {
        assertThat(EngineCallException.from(new NotFoundException("page not found\n"), HOST).engineMessage())
                .isEqualTo("page not found");
    }

    @Test
    void no_answer_at_all_names_the_engine_address_and_the_cause() {
        EngineCallException e = EngineCallException.from(
                new RuntimeException(new IOException("Connection refused")), HOST);

        assertThat(e.engineDidNotAnswer()).isTrue();
        assertThat(e.engineMessage()).isEqualTo("the Docker engine at " + HOST + " does not answer (Connection refused)");
    }

    @Test
    void a_timeout_says_the_deadline_passed() {
        EngineCallException e = EngineCallException.from(
                new RuntimeException(new SocketTimeoutException("Read timed out")), HOST);

        assertThat(e.engineMessage()).contains("no answer before the deadline");
    }
}
