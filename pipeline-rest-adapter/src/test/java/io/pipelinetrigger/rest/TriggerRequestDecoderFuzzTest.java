package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.api.Pair.of;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property-based fuzzing of the whole request decoding, bytes in: whatever arrives (random bytes, broken or
 * deep JSON, huge numbers, invalid UTF-8, near-miss field names), the decoder either yields a command made only
 * of known values or refuses with one clear sentence and a client-error status, never anything else: no other
 * exception, no Jackson internals, no multi-line or endless message. Bounded in examples, so it runs in every
 * build; a failure prints the seed that reproduces it.
 */
class TriggerRequestDecoderFuzzTest {

    private static final List<String> VALID = List.of("{\"pipeline\": \"dbt\"}",
            "{\"pipeline\": \"full\", \"command\": \"daily\", \"enableOpenlineage\": false, \"enableElementary\": true}",
            "{\"pipeline\": \"ingester\", \"timeoutSeconds\": 3600}",
            "{\"pipeline\": \"dbt\", \"command\": \"build\", \"enableElementary\": null}");

    private final TriggerRequestDecoder decoder = new TriggerRequestDecoder(new WireJson());
    private final ErrorResponseMapper mapper = new ErrorResponseMapper();

    @Test
    void anyBodyIsEitherAValidCommandOrOneClearSentence() {
        qt().withExamples(1500).forAll(bodies()).checkAssert(body -> {
            try {
                TriggerPipelineCommand command = decoder.decode(Optional.empty(), new ByteArrayInputStream(body));
                String text = new String(body, StandardCharsets.UTF_8);
                assertThat(text).contains(command.pipeline().wireName());
                command.command().ifPresent(dbt -> assertThat(text).contains(dbt.wireName()));
            } catch (RejectedRequestException | InvalidRequestException refused) {
                // what the client gets: the mapped answer
                jakarta.ws.rs.core.Response answer = mapper.toResponse(refused);
                assertThat(answer.getStatus()).isIn(400, 413);
                assertOneClearSentence(((ErrorResponse) answer.getEntity()).error());
            }
        });
    }

    @Test
    void aDeclaredLengthNeverMakesTheDecoderReadPastIt() {
        qt().withExamples(200).forAll(bodies()).checkAssert(body -> {
            byte[] padded = Arrays.copyOf(body, body.length + 16);
            Arrays.fill(padded, body.length, padded.length, (byte) '}');
            try {
                decoder.decode(Optional.of(Integer.toString(body.length)), new ByteArrayInputStream(padded));
            } catch (RejectedRequestException | InvalidRequestException refused) {
                assertOneClearSentence(((ErrorResponse) mapper.toResponse(refused).getEntity()).error());
            }
        });
    }

    private static void assertOneClearSentence(String message) {
        assertThat(message).isNotBlank().endsWith(".").hasSizeLessThanOrEqualTo(ErrorSentence.MAX_LENGTH)
                .doesNotContain("Exception", "com.fasterxml", "jackson", "StreamReadConstraints", "[Source")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f\\u2028\\u2029]");
    }

    private static Gen<byte[]> bodies() {
        return Generate.frequency(List.of(
                of(3, randomBytes()),
                of(3, utf8(textFrom("{}[]\":,. \n\t0123456789-+eEtrufalsn\\u/pipelinedbtfull", 200))),
                of(4, mutatedValidRequests()),
                of(3, utf8(objectsWithRandomFields())),
                of(1, utf8(deepNesting())),
                of(1, utf8(hugeValues()))));
    }

    private static Gen<byte[]> utf8(Gen<String> texts) {
        return texts.map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static Gen<byte[]> randomBytes() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static Gen<String> textFrom(String alphabet, int maxLength) {
        List<Character> characters = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(characters)).ofSizeBetween(0, maxLength)
                .map(chosen -> chosen.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** A valid request, truncated, with a byte flipped, or with a byte inserted. */
    private static Gen<byte[]> mutatedValidRequests() {
        Gen<byte[]> valid = Generate.pick(VALID).map(text -> text.getBytes(StandardCharsets.UTF_8));
        return valid.zip(integers().between(0, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0),
                integers().between(0, 2), (bytes, at, value, how) -> {
                    int position = Math.min(at, bytes.length);
                    if (how == 0) {
                        return Arrays.copyOf(bytes, position);
                    }
                    if (how == 1) {
                        byte[] flipped = bytes.clone();
                        flipped[Math.min(position, bytes.length - 1)] = value;
                        return flipped;
                    }
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, position);
                    longer[position] = value;
                    System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
                    return longer;
                });
    }

    private static Gen<String> objectsWithRandomFields() {
        Gen<String> names = Generate.pick(List.of("pipeline", "command", "enableOpenlineage", "enableElementary",
                        "timeoutSeconds", "enableOpenLineage", "image", "env", "volumes", "__proto__", ""))
                .mix(strings().allPossible().ofLengthBetween(0, 20));
        Gen<String> values = Generate.pick(List.of("\"ingester\"", "\"dbt\"", "\"full\"", "\"daily\"", "\"build\"",
                        "\"; rm -rf /\"", "\"../../etc/passwd\"", "\"alpine:latest\"", "true", "false", "null", "0", "-1",
                        "604800", "604801", "1.5", "1e309", "[]", "{}", "[\"dbt\"]", "{\"pipeline\": \"dbt\"}"))
                .mix(integers().all().map((Integer number) -> String.valueOf(number)))
                .mix(strings().allPossible().ofLengthBetween(0, 30).map(TriggerRequestDecoderFuzzTest::jsonString));
        Gen<String> field = names.zip(values, (name, value) -> jsonString(name) + ": " + value);
        return lists().of(field).ofSizeBetween(0, 7).map(fields -> "{" + String.join(", ", fields) + "}");
    }

    private static Gen<String> deepNesting() {
        return integers().between(1, 3000).zip(Generate.pick(List.of("[", "{\"a\": ")), Generate.booleans(),
                (depth, open, closed) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String inner = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                    return "{\"pipeline\": " + inner + "}";
                });
    }

    private static Gen<String> hugeValues() {
        return integers().between(1, 20_000).zip(Generate.pick(List.of("9", "\"x", "1e", "-0.")),
                (length, kind) -> switch (kind) {
                    case "9" -> "{\"pipeline\": \"dbt\", \"timeoutSeconds\": " + "9".repeat(length) + "}";
                    case "\"x" -> "{\"pipeline\": \"" + "x".repeat(length) + "\"}";
                    case "1e" -> "{\"pipeline\": \"dbt\", \"timeoutSeconds\": 1e" + "9".repeat(Math.min(length, 500)) + "}";
                    default -> "{\"pipeline\": \"dbt\", \"timeoutSeconds\": -0." + "0".repeat(length) + "1}";
                });
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
