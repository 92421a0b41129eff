package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad field of a trigger object (docs/api.md, "400 Bad Request"), and the example payloads of docs/api.md. */
class TriggerRequestFieldsTest {

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void the_minimal_payload_leaves_everything_else_to_the_server() {
        TriggerPipelineCommand command = TriggerRequestFields.toCommand(fields("pipeline", "full"));

        assertThat(command).isEqualTo(TriggerPipelineCommand.of(Pipeline.FULL));
    }

    @Test
    void every_field_is_read() {
        TriggerPipelineCommand command = TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", "build",
                "enableOpenlineage", true, "enableElementary", false));

        assertThat(command).isEqualTo(new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.BUILD),
                Optional.of(true), Optional.of(false)));
    }

    @Test
    void null_flags_and_a_null_command_mean_the_server_default() {
        TriggerPipelineCommand command = TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", null,
                "enableOpenlineage", null, "enableElementary", null));

        assertThat(command).isEqualTo(TriggerPipelineCommand.of(Pipeline.DBT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "run", "build", "test", "deps", "elementary"})
    void every_documented_dbt_command_is_accepted(String word) {
        assertThat(TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", word)).command())
                .map(DbtCommand::wireName).contains(word);
    }

    @Test
    void a_missing_pipeline_is_refused_naming_the_field_and_the_choices() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("command", "run")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Field 'pipeline' is required: one of \"ingester\", \"dbt\", \"full\".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DBT", "spark", " dbt"})
    void an_unknown_pipeline_is_refused(String value) {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", value)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\"");
    }

    @Test
    void a_mistyped_or_upper_case_value_gets_the_closest_allowed_one() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dtb")))
                .hasMessage("Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\", got \"dtb\" (did you mean \"dbt\"?).");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "DBT")))
                .hasMessage("Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\", got \"DBT\" (values are lower case: \"dbt\").");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", "biuld")))
                .hasMessageEndingWith("got \"biuld\" (did you mean \"build\"?).");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", "Daily")))
                .hasMessageEndingWith("got \"Daily\" (values are lower case: \"daily\").");
    }

    @Test
    void a_wrong_timeout_is_refused_quoting_the_value_given() {
        String allowed = "Field 'timeoutSeconds' must be a whole number from 1 to 604800 (7 days), or null for the server default; got ";
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "timeoutSeconds", 0)))
                .hasMessage(allowed + "0.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "timeoutSeconds", 1.5)))
                .hasMessage(allowed + "1.5.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "timeoutSeconds", "60")))
                .hasMessage(allowed + "the string \"60\".");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "timeoutSeconds", List.of(60))))
                .hasMessage(allowed + "an array.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "timeoutSeconds",
                new java.math.BigInteger("9".repeat(99))))).hasMessage(allowed + "9".repeat(64) + "....");
    }

    @Test
    void an_unknown_dbt_command_is_refused() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "command", "seed")))
                .hasMessage("Field 'command' must be one of \"daily\", \"run\", \"build\", \"test\", \"deps\", \"elementary\", got \"seed\".");
    }

    @Test
    void an_unknown_command_is_refused_even_for_the_ingester_where_a_valid_one_is_ignored() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "ingester", "command", "seed")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(TriggerRequestFields.toCommand(fields("pipeline", "ingester", "command", "run")).pipeline())
                .isEqualTo(Pipeline.INGESTER);
    }

    @Test
    void a_pipeline_that_is_not_a_string_is_refused() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", 3)))
                .hasMessage("Field 'pipeline' must be a string, got a number.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", List.of("dbt"))))
                .hasMessage("Field 'pipeline' must be a string, got an array.");
    }

    @Test
    void a_flag_that_is_not_a_json_boolean_is_refused() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "enableOpenlineage", "false")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Field 'enableOpenlineage' must be true, false or null, got a string.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "enableElementary", 0)))
                .hasMessage("Field 'enableElementary' must be true, false or null, got a number.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "enableElementary", Map.of())))
                .hasMessage("Field 'enableElementary' must be true, false or null, got an object.");
    }

    @Test
    void a_mistyped_field_is_refused_with_the_name_it_probably_meant() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "enableOpenLineage", false)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Unknown field \"enableOpenLineage\". Did you mean \"enableOpenlineage\"?"
                        + " Known fields: pipeline, command, enableOpenlineage, enableElementary, timeoutSeconds,"
                        + " onBusy, queueTimeoutSeconds.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipline", "dbt")))
                .hasMessageContaining("Did you mean \"pipeline\"?");
    }

    @Test
    void a_field_unlike_any_known_one_is_refused_without_a_guess() {
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "image", "evil:latest")))
                .hasMessage("Unknown field \"image\". Known fields: pipeline, command, enableOpenlineage, enableElementary,"
                        + " timeoutSeconds, onBusy, queueTimeoutSeconds.");
    }

    @Test
    void a_huge_value_is_not_echoed_whole_in_the_refusal() {
        String huge = "x".repeat(100_000);

        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", huge)))
                .hasMessageEndingWith("got \"" + "x".repeat(64) + "...\".");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", huge, true)))
                .hasMessageStartingWith("Unknown field \"" + "x".repeat(64) + "...\".");
    }

    @Test
    void on_busy_and_queue_timeout_are_decoded_and_judged_with_the_closest_value() {
        TriggerPipelineCommand command = TriggerRequestFields.toCommand(
                fields("pipeline", "dbt", "onBusy", "queue", "queueTimeoutSeconds", 600));

        assertThat(command.onBusy()).contains(io.pipelinetrigger.core.domain.BusyPolicy.QUEUE);
        assertThat(command.queueTimeout()).contains(java.time.Duration.ofMinutes(10));
        assertThat(TriggerRequestFields.toCommand(fields("pipeline", "dbt", "onBusy", null)).onBusy()).isEmpty();
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "onBusy", "queued")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Field 'onBusy' must be one of \"reject\", \"attach\", \"queue\", got \"queued\""
                        + " (did you mean \"queue\"?).");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "onBusy", true)))
                .hasMessage("Field 'onBusy' must be a string, got a boolean.");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "queueTimeoutSeconds", 0)))
                .hasMessageStartingWith("Field 'queueTimeoutSeconds' must be a whole number from 1 to 604800");
        assertThatThrownBy(() -> TriggerRequestFields.toCommand(fields("pipeline", "dbt", "onbusy", "queue")))
                .hasMessageContaining("Did you mean \"onBusy\"?");
    }
}
