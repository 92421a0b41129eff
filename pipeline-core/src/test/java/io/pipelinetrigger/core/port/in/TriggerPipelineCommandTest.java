package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed command validates itself, whichever adapter (or embedder) builds it. */
class TriggerPipelineCommandTest {

    private static TriggerPipelineCommand withTimeout(Duration timeout) {
        return new TriggerPipelineCommand(Pipeline.DBT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(timeout));
    }

    @Test
    void a_timeout_from_one_second_to_seven_days_is_kept() {
        assertThat(withTimeout(Duration.ofSeconds(1)).timeout()).contains(Duration.ofSeconds(1));
        assertThat(withTimeout(Duration.ofDays(7)).timeout()).contains(Duration.ofDays(7));
    }

    @Test
    void a_timeout_outside_one_second_to_seven_days_is_refused() {
        assertThatThrownBy(() -> withTimeout(Duration.ZERO)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("A step timeout must be from 1 second to 604800 seconds (7 days), got PT0S.");
        assertThatThrownBy(() -> withTimeout(Duration.ofSeconds(-5))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> withTimeout(Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void a_missing_part_is_a_programming_error_not_a_client_one() {
        assertThatThrownBy(() -> new TriggerPipelineCommand(null, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_same_request_gives_the_same_fingerprint() {
        TriggerPipelineCommand command = new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.BUILD),
                Optional.of(true), Optional.empty(), Optional.of(Duration.ofSeconds(60)));

        assertThat(command.fingerprint()).isEqualTo(
                "pipeline=dbt;command=build;enableOpenlineage=true;enableElementary=;timeoutSeconds=60");
    }
}
