package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of request validation: whatever decoded JSON arrives, validation either yields a
 * command made only of known, valid values or refuses with one clear sentence, never anything else.
 */
class TriggerPipelineCommandFuzzTest {

    @Property(tries = 1000)
    void any_decoded_object_is_either_a_valid_command_or_a_clear_refusal(@ForAll("requests") Map<String, Object> fields) {
        try {
            TriggerPipelineCommand command = TriggerPipelineCommand.fromFields(fields);
            assertThat(TriggerPipelineCommand.FIELD_NAMES).containsAll(fields.keySet());
            assertThat(fields.get("pipeline")).isEqualTo(command.pipeline().wireName());
        } catch (InvalidRequestException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(400).doesNotContain("Exception");
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> requests() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("pipeline", "command", "enableOpenlineage", "enableElementary", "timeoutSeconds",
                        "enableOpenLineage", "Pipeline", "image", ""),
                Arbitraries.strings().ofMaxLength(300));
        return Arbitraries.maps(keys, values()).ofMaxSize(6).map(HashMap::new);
    }

    private Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.of("ingester", "dbt", "full", "daily", "run", "build", "test", "deps", "elementary").map(o -> o),
                Arbitraries.strings().ofMaxLength(500).map(o -> o),
                Arbitraries.of(true, false).map(o -> o),
                Arbitraries.integers().map(o -> o),
                Arbitraries.longs().map(o -> o),
                Arbitraries.doubles().map(o -> o),
                Arbitraries.bigIntegers().between(java.math.BigInteger.ONE.shiftLeft(80).negate(),
                        java.math.BigInteger.ONE.shiftLeft(80)).map(o -> o),
                Arbitraries.just(null));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(3).map(list -> (Object) List.copyOf(list.stream().filter(java.util.Objects::nonNull).toList())),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), scalars.filter(java.util.Objects::nonNull))
                        .ofMaxSize(2).map(map -> (Object) map));
    }
}
