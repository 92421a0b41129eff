package io.pipelinetrigger.core.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestNameTest {

    private static final List<String> KNOWN = List.of("pipeline", "command", "enableOpenlineage", "enableElementary");

    @Test
    void a_different_case_or_a_small_typo_finds_the_known_name() {
        assertThat(ClosestName.among(KNOWN, "enableOpenLineage")).contains("enableOpenlineage");
        assertThat(ClosestName.among(KNOWN, "enable_elementary")).contains("enableElementary");
        assertThat(ClosestName.among(KNOWN, "comand")).contains("command");
    }

    @Test
    void a_name_far_from_all_known_ones_finds_nothing() {
        assertThat(ClosestName.among(KNOWN, "image")).isEmpty();
        assertThat(ClosestName.among(KNOWN, "x".repeat(10_000))).isEmpty();
    }

    @Test
    void the_distance_is_the_number_of_single_character_edits() {
        assertThat(ClosestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestName.distance("", "abc")).isEqualTo(3);
        assertThat(ClosestName.distance("same", "same")).isZero();
    }

    @Test
    void a_known_value_in_other_case_gets_the_lower_case_hint_and_a_near_miss_the_closest_value() {
        List<String> pipelines = List.of("ingester", "dbt", "full");

        assertThat(ClosestName.hintFor(pipelines, "DBT")).isEqualTo(" (values are lower case: \"dbt\")");
        assertThat(ClosestName.hintFor(pipelines, "dtb")).isEqualTo(" (did you mean \"dbt\"?)");
        assertThat(ClosestName.hintFor(pipelines, "spark")).isEmpty();
    }
}
