package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigInteger;
import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property-based fuzzing of request validation: whatever decoded JSON arrives, validation either yields a
 * command made only of known, valid values or refuses with one clear sentence, never anything else. Bounded in
 * examples; a failure prints the seed that reproduces it.
 */
class TriggerRequestFieldsFuzzTest {

    @Test
    void any_decoded_object_is_either_a_valid_command_or_a_clear_refusal() {
        qt().withExamples(1000).forAll(requests()).checkAssert(fields -> {
            try {
                TriggerPipelineCommand command = TriggerRequestFields.toCommand(fields);
                assertThat(TriggerRequestFields.FIELD_NAMES).containsAll(fields.keySet());
                assertThat(fields.get("pipeline")).isEqualTo(command.pipeline().wireName());
            } catch (InvalidRequestException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain("Exception");
            }
        });
    }

    private static Gen<Map<String, Object>> requests() {
        Gen<String> keys = Generate.pick(List.of("pipeline", "command", "enableOpenlineage", "enableElementary",
                "timeoutSeconds", "enableOpenLineage", "Pipeline", "image", "")).mix(strings().allPossible().ofLengthBetween(0, 300));
        // pairs, not QuickTheories' maps: a JSON null must be a possible value, and its maps refuse null
        Gen<Map.Entry<String, Object>> fields = keys.zip(values(), (key, value) -> new SimpleEntry<>(key, value));
        return lists().of(fields).ofSizeBetween(0, 6).map((List<Map.Entry<String, Object>> entries) -> {
            Map<String, Object> object = new HashMap<>();
            entries.forEach(entry -> object.put(entry.getKey(), entry.getValue()));
            return object;
        });
    }

    private static Gen<Object> values() {
        Gen<Object> scalars = Generate.pick(List.<Object>of("ingester", "dbt", "full", "daily", "run", "build", "test",
                        "deps", "elementary", true, false))
                .mix(strings().allPossible().ofLengthBetween(0, 500).map(s -> (Object) s))
                .mix(integers().all().map(i -> (Object) i))
                .mix(longs().all().map(l -> (Object) l))
                .mix(doubles().any().map(d -> (Object) d))
                .mix(bigIntegers().ofBytes(12).map(b -> (Object) (BigInteger) b));
        Gen<Object> withNulls = scalars.mix(Generate.constant((Object) null), 10);
        return withNulls
                .mix(lists().of(scalars).ofSizeBetween(0, 3).map(list -> (Object) List.copyOf(list)), 10)
                .mix(maps().of(strings().allPossible().ofLengthBetween(0, 10), scalars).ofSizeBetween(0, 2)
                        .map(map -> (Object) Map.copyOf(map)), 10);
    }

}
