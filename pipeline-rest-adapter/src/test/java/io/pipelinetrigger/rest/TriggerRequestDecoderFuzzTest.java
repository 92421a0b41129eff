package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the whole request decoding, bytes in: whatever arrives (random bytes, broken or
 * deep JSON, huge numbers, invalid UTF-8, near-miss field names), the decoder either yields a command made only
 * of known values or refuses with one clear sentence and a client-error status, never anything else: no other
 * exception, no Jackson internals, no multi-line or endless message. Bounded in tries, so it runs in every build.
 */
class TriggerRequestDecoderFuzzTest {

    private static final List<String> VALID = List.of("{\"pipeline\": \"dbt\"}",
            "{\"pipeline\": \"full\", \"command\": \"daily\", \"enableOpenlineage\": false, \"enableElementary\": true}",
            "{\"pipeline\": \"ingester\", \"timeoutSeconds\": 3600}",
            "{\"pipeline\": \"dbt\", \"command\": \"build\", \"enableElementary\": null}");

    private final TriggerRequestDecoder decoder = new TriggerRequestDecoder(new WireJson());
    private final ErrorResponseMapper mapper = new ErrorResponseMapper();

    @Property(tries = 1500)
    void anyBodyIsEitherAValidCommandOrOneClearSentence(@ForAll("bodies") byte[] body) {
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
    }

    @Property(tries = 200)
    void aDeclaredLengthNeverMakesTheDecoderReadPastIt(@ForAll("bodies") byte[] body) {
        byte[] padded = new byte[body.length + 16];
        System.arraycopy(body, 0, padded, 0, body.length);
        java.util.Arrays.fill(padded, body.length, padded.length, (byte) '}');
        try {
            decoder.decode(Optional.of(Integer.toString(body.length)), new ByteArrayInputStream(padded));
        } catch (RejectedRequestException | InvalidRequestException refused) {
            assertOneClearSentence(((ErrorResponse) mapper.toResponse(refused).getEntity()).error());
        }
    }

    private static void assertOneClearSentence(String message) {
        assertThat(message).isNotBlank().endsWith(".").hasSizeLessThanOrEqualTo(ErrorSentence.MAX_LENGTH)
                .doesNotContain("Exception", "com.fasterxml", "jackson", "StreamReadConstraints", "[Source")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f\\u2028\\u2029]");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, randomBytes()),
                Tuple.of(3, utf8(jsonishText())),
                Tuple.of(4, mutatedValidRequests()),
                Tuple.of(3, utf8(objectsWithRandomFields())),
                Tuple.of(1, utf8(deepNesting())),
                Tuple.of(1, utf8(hugeValues()))));
    }

    private static Arbitrary<byte[]> utf8(Arbitrary<String> texts) {
        return texts.map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    private static Arbitrary<String> jsonishText() {
        return Arbitraries.strings().withChars("{}[]\":,. \n\t0123456789-+eEtrufalsn\\u/pipelinedbtfull")
                .ofMaxLength(200);
    }

    /** A valid request, truncated, with a byte flipped, or with characters inserted. */
    private static Arbitrary<byte[]> mutatedValidRequests() {
        Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Combinators.combine(valid, Arbitraries.integers().between(0, 200), Arbitraries.bytes(),
                Arbitraries.integers().between(0, 2)).as((bytes, at, value, how) -> {
                    int position = Math.min(at, bytes.length);
                    return switch (how) {
                        case 0 -> java.util.Arrays.copyOf(bytes, position);
                        case 1 -> {
                            byte[] flipped = bytes.clone();
                            flipped[Math.min(position, bytes.length - 1)] = value;
                            yield flipped;
                        }
                        default -> {
                            byte[] longer = new byte[bytes.length + 1];
                            System.arraycopy(bytes, 0, longer, 0, position);
                            longer[position] = value;
                            System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
                            yield longer;
                        }
                    };
                });
    }

    private static Arbitrary<String> objectsWithRandomFields() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("pipeline", "command", "enableOpenlineage", "enableElementary", "timeoutSeconds",
                        "enableOpenLineage", "image", "env", "volumes", "__proto__", ""),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("\"ingester\"", "\"dbt\"", "\"full\"", "\"daily\"", "\"build\"", "\"; rm -rf /\"",
                        "\"../../etc/passwd\"", "\"alpine:latest\"", "true", "false", "null", "0", "-1", "604800",
                        "604801", "1.5", "1e309", "[]", "{}", "[\"dbt\"]", "{\"pipeline\": \"dbt\"}"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(30).map(TriggerRequestDecoderFuzzTest::jsonString));
        Arbitrary<String> field = Combinators.combine(names, values).as((name, value) -> jsonString(name) + ": " + value);
        return field.list().ofMaxSize(7).map(fields -> "{" + String.join(", ", fields) + "}");
    }

    private static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 3000), Arbitraries.of("[", "{\"a\": "),
                Arbitraries.of(true, false)).as((depth, open, closed) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String inner = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                    return "{\"pipeline\": " + inner + "}";
                });
    }

    private static Arbitrary<String> hugeValues() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000), Arbitraries.of("9", "\"x", "1e", "-0.")
                ).as((length, kind) -> switch (kind) {
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
