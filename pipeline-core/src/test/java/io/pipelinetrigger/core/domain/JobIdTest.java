package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobIdTest {

    @Test
    void a_generated_id_has_the_seeds_format_with_the_pipeline_and_the_clocks_millis() {
        JobIdGenerator ids = new JobIdGenerator(InstantSource.fixed(Instant.ofEpochMilli(1710460800000L)), new Random(7));

        JobId id = ids.next(Pipeline.DBT);

        assertThat(id.value()).matches("dbt-1710460800000-[a-z0-9]{6}");
    }

    @Test
    void an_id_of_every_pipeline_is_well_formed() {
        JobIdGenerator ids = new JobIdGenerator(InstantSource.fixed(Instant.ofEpochMilli(1710460800000L)), new Random(3));
        for (Pipeline pipeline : Pipeline.values()) {
            JobId id = ids.next(pipeline);

            assertThat(JobId.isWellFormed(id.value())).isTrue();
            assertThat(JobId.of(id.value())).isEqualTo(id);
            assertThat(id.value()).startsWith(pipeline.wireName() + "-");
        }
    }

    @Test
    void ids_made_in_the_same_millisecond_still_differ() {
        JobIdGenerator ids = new JobIdGenerator(InstantSource.fixed(Instant.ofEpochMilli(1)), new Random(1));
        Set<JobId> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(ids.next(Pipeline.FULL));
        }
        assertThat(seen).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dbt", "dbt-1710460800000-ABC123", "dbt-1710460800000-abc12", "x-1-abc123",
            "dbt-1710460800000-abc123/../..", "../../etc/passwd", "dbt-abc-abc123", "full-1-abc1234"})
    void anything_not_in_the_id_format_is_refused(String value) {
        assertThat(JobId.isWellFormed(value)).isFalse();
        assertThatThrownBy(() -> JobId.of(value)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("A job id looks like");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spark-1710460800000-abc123  | It must start with its pipeline: \"ingester-\", \"dbt-\", \"full-\".",
        "abc                         | It must start with its pipeline: \"ingester-\", \"dbt-\", \"full-\".",
        "dbt-17104608OOOOO-abc123    | After \"dbt-\" come the epoch millis (1 to 19 digits), got \"17104608OOOOO\".",
        "dbt                         | It must start with its pipeline: \"ingester-\", \"dbt-\", \"full-\".",
        "full-abc123                 | After \"full-\" come the epoch millis (1 to 19 digits), got \"abc123\".",
        "dbt-1710460800000-ABC123    | It must end with a dash and a suffix of 6 characters of a-z and 0-9, got \"ABC123\".",
        "dbt-1710460800000-abc12     | It must end with a dash and a suffix of 6 characters of a-z and 0-9, got \"abc12\".",
        "ingester-1710460800000      | It must end with a dash and a suffix of 6 characters of a-z and 0-9, got none."})
    void a_refused_id_names_the_part_that_is_wrong(String value, String part) {
        assertThatThrownBy(() -> JobId.of(value))
                .hasMessage("A job id looks like \"dbt-1710460800000-abc123\"; got \"" + value + "\". " + part);
    }

    @Test
    void a_huge_id_is_refused_without_echoing_it_whole() {
        String huge = "x".repeat(100_000);

        assertThatThrownBy(() -> JobId.of(huge)).hasMessageContaining("...").message().hasSizeLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dbt-1710460800000-abc123", "ingester-1-000000", "full-1710460800000-zz99aa"})
    void ids_in_the_format_are_accepted(String value) {
        assertThat(JobId.of(value).value()).isEqualTo(value);
    }
}
