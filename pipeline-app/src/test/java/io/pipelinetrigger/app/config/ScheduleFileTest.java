package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PIPELINE_SCHEDULES_FILE (docs/schedules.md): what a good file gives, and one sentence for every wrong field. */
class ScheduleFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("schedules.yaml"), yaml);
    }

    private List<Schedule> read(String yaml) throws IOException {
        Path file = file(yaml);
        return AppConfigTest.config("PIPELINE_SCHEDULES_FILE", file.toString()).schedules();
    }

    private String refusal(String yaml) throws IOException {
        Path file = file(yaml);
        return assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_SCHEDULES_FILE", file.toString()))
                .isInstanceOf(ConfigException.class).actual().getMessage().replace(file.toString(), "FILE");
    }

    private static String entry(String field, String value) {
        String cron = field.equals("cron") ? "" : "    cron: \"0 2 * * *\"\n";
        return "schedules:\n  - name: nightly\n" + cron + "    request: {pipeline: full}\n"
                + "    " + field + ": " + value + "\n";
    }

    @Test
    void without_the_variable_there_are_no_schedules() {
        assertThat(AppConfigTest.config().schedules()).isEmpty();
    }

    @Test
    void a_full_file_gives_each_schedule_with_its_fields_in_the_order_of_the_file() throws IOException {
        List<Schedule> schedules = read("""
                schedules:
                  - name: nightly-full
                    cron: "0 2 * * *"
                    timeZone: Europe/Berlin
                    request:
                      pipeline: full
                    onBusy: queue
                    catchUp: once
                    startingDeadline: PT3H
                  - name: hourly-test
                    cron: "@hourly"
                    request: {pipeline: dbt, command: test, enableElementary: false, timeoutSeconds: 1800}
                    catchUp: skip
                    enabled: false
                """);

        assertThat(schedules).hasSize(2);
        Schedule nightly = schedules.get(0);
        assertThat(nightly.name()).isEqualTo("nightly-full");
        assertThat(nightly.cron().expression()).isEqualTo("0 2 * * *");
        assertThat(nightly.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(nightly.request().pipeline()).isEqualTo(Pipeline.FULL);
        assertThat(nightly.onBusy()).isEqualTo(BusyPolicy.QUEUE);
        assertThat(nightly.startingDeadline()).isEqualTo(Duration.ofHours(3));
        assertThat(nightly.enabled()).isTrue();
        Schedule hourly = schedules.get(1);
        assertThat(hourly.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(hourly.request().command()).contains(DbtCommand.TEST);
        assertThat(hourly.request().enableElementary()).contains(false);
        assertThat(hourly.request().timeout()).contains(Duration.ofMinutes(30));
        assertThat(hourly.onBusy()).isEqualTo(BusyPolicy.REJECT);
        assertThat(hourly.catchUp()).isEqualTo(CatchUp.SKIP);
        assertThat(hourly.startingDeadline()).isEqualTo(Schedule.DEFAULT_STARTING_DEADLINE);
        assertThat(hourly.enabled()).isFalse();
    }

    @Test
    void the_defaults_are_utc_reject_catch_up_once_a_deadline_of_an_hour_and_enabled() throws IOException {
        Schedule schedule = read("schedules:\n  - {name: n, cron: \"@daily\", request: {pipeline: ingester}}\n").get(0);

        assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(schedule.onBusy()).isEqualTo(BusyPolicy.REJECT);
        assertThat(schedule.catchUp()).isEqualTo(CatchUp.ONCE);
        assertThat(schedule.startingDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.request().onBusy()).isEqualTo(Optional.empty());
    }

    @Test
    void an_empty_list_is_no_schedules() throws IOException {
        assertThat(read("schedules: []\n")).isEmpty();
        assertThat(read("schedules:\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron | \"0 2 * *\" | field 'cron': The cron expression \"0 2 * *\" is not valid",
            "cron | \"@nightly\" | field 'cron': The cron macro \"@nightly\" is unknown",
            "timeZone | Europe/Berln | field 'timeZone' must be an IANA time zone such as \"Europe/Berlin\" or \"UTC\", got \"Europe/Berln\".",
            "timeZone | \"+02:00\" | field 'timeZone' must be an IANA time zone",
            "onBusy | attach | field 'onBusy' must be \"reject\" (skip the firing) or \"queue\", got \"attach\".",
            "catchUp | always | field 'catchUp' must be one of \"skip\", \"once\", got \"always\".",
            "startingDeadline | 1h | field 'startingDeadline' must be a positive ISO-8601 duration such as PT15M, PT1H or P1D, got \"1h\".",
            "startingDeadline | PT0S | field 'startingDeadline' must be a positive ISO-8601 duration",
            "enabled | \"yes\" | field 'enabled' must be true or false, got \"yes\".",
            "onBusy | 3 | field 'onBusy' must be text (quote it in the YAML), got \"3\".",
            "cronn | \"* * * * *\" | field 'cronn' is not a field of a schedule (did you mean \"cron\"?); its fields are name, cron,",
    })
    void a_wrong_field_stops_start_up_naming_the_schedule_and_the_field(String field, String value, String expected)
            throws IOException {
        assertThat(refusal(entry(field, value)))
                .startsWith("PIPELINE_SCHEDULES_FILE: schedule \"nightly\" (entry 1 of FILE), ")
                .contains(expected);
    }

    @Test
    void the_request_is_judged_with_the_sentences_of_the_api() throws IOException {
        String base = "schedules:\n  - name: nightly\n    cron: \"0 2 * * *\"\n    request: ";

        assertThat(refusal(base + "{pipeline: spark}\n")).endsWith("field 'request': Field 'pipeline' must be one of"
                + " \"ingester\", \"dbt\", \"full\", got \"spark\".");
        assertThat(refusal(base + "{pipeline: dbt, enableOpenLineage: true}\n"))
                .contains("field 'request': Unknown field \"enableOpenLineage\". Did you mean \"enableOpenlineage\"?");
        assertThat(refusal(base + "{command: run}\n")).contains("field 'request': Field 'pipeline' is required");
        assertThat(refusal(base + "{pipeline: dbt, timeoutSeconds: 0}\n"))
                .contains("field 'request': Field 'timeoutSeconds' must be a whole number from 1 to");
        assertThat(refusal(base + "{pipeline: dbt, onBusy: queue}\n"))
                .contains("field 'request' must not set \"onBusy\": the schedule's own \"onBusy\"");
        assertThat(refusal(base + "dbt\n")).contains("field 'request' must be a map");
    }

    @Test
    void name_and_cron_are_required_and_the_name_must_suit_a_trigger() throws IOException {
        assertThat(refusal("schedules:\n  - {cron: \"@daily\", request: {pipeline: dbt}}\n"))
                .isEqualTo("PIPELINE_SCHEDULES_FILE: schedule 1 (entry 1 of FILE), field 'name' is required.");
        assertThat(refusal("schedules:\n  - {name: n, request: {pipeline: dbt}}\n"))
                .contains("schedule \"n\" (entry 1 of FILE), field 'cron' is required");
        assertThat(refusal("schedules:\n  - {name: Nightly Full, cron: \"@daily\", request: {pipeline: dbt}}\n"))
                .contains("field 'name' must be 1 to 64 lower-case letters, digits, '-' or '_'");
        assertThat(refusal("schedules:\n  - {name: n, cron: \"@daily\"}\n")).contains("field 'request' must be a map");
    }

    @Test
    void two_schedules_with_one_name_are_refused() throws IOException {
        assertThat(refusal("schedules:\n  - {name: n, cron: \"@daily\", request: {pipeline: dbt}}\n"
                + "  - {name: n, cron: \"@hourly\", request: {pipeline: dbt}}\n"))
                .startsWith("PIPELINE_SCHEDULES_FILE: schedule \"n\" (entry 2 of FILE) has the name of an earlier"
                        + " schedule");
    }

    @Test
    void a_file_that_is_not_a_schedules_list_is_refused_saying_what_it_needs() throws IOException {
        assertThat(refusal("jobs: []\n")).isEqualTo("PIPELINE_SCHEDULES_FILE names FILE, which must hold a"
                + " top-level \"schedules:\" list.");
        assertThat(refusal("schedules: []\nextra: 1\n")).contains("unknown top-level key \"extra\"");
        assertThat(refusal("schedules: nightly\n")).contains("must hold a list under \"schedules:\"");
        assertThat(refusal("schedules:\n  - nightly\n")).contains("entry 1 of FILE must be a map of the fields");
        assertThat(refusal("schedules:\n  - {name: n, name: m, cron: \"@daily\", request: {pipeline: dbt}}\n"))
                .contains("is not valid YAML (Duplicate field 'name'");
        assertThat(refusal("schedules:\n  - {name: n, cron: * * * * *, request: {pipeline: dbt}}\n"))
                .contains("is not valid YAML").contains("must be quoted");
    }

    @Test
    void a_file_that_cannot_be_read_is_refused_naming_it() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_SCHEDULES_FILE", missing.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PIPELINE_SCHEDULES_FILE names " + missing + ", which cannot be read");
    }
}
