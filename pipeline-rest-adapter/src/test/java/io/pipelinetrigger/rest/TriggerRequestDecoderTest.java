package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TriggerRequestDecoderTest {

    private final TriggerRequestDecoder decoder = new TriggerRequestDecoder(new WireJson());

    @Test
    void aFullRequestBecomesTheCommandWithItsFlags() {
        TriggerPipelineCommand command = decode(
                "{\"pipeline\": \"dbt\", \"command\": \"build\", \"enableOpenlineage\": false, \"enableElementary\": true}");

        assertThat(command).isEqualTo(new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.BUILD),
                Optional.of(false), Optional.of(true)));
    }

    @Test
    void jsonNullLeavesAFieldToTheServerDefault() {
        assertThat(decode("{\"pipeline\": \"full\", \"command\": null, \"enableOpenlineage\": null}"))
                .isEqualTo(TriggerPipelineCommand.of(Pipeline.FULL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1|a number", "1.5|a number", "\"true\"|a string", "[true]|an array",
            "{\"on\": true}|an object"})
    void numbersAndOtherNonBooleansReachTheCoreAsWhatTheyAre(String value, String kind) {
        assertThatThrownBy(() -> decode("{\"pipeline\": \"dbt\", \"enableElementary\": " + value + "}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'enableElementary'").hasMessageContaining("got " + kind);
    }

    @Test
    void aDuplicateKeyIsRejectedWhateverItsValues() {
        assertRejected("{\"pipeline\": \"dbt\", \"pipeline\": \"dbt\"}", 400)
                .startsWith("Request body is not valid JSON: ").contains("Duplicate field 'pipeline'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pipeline\": \"dbt\",}", "{\"pipeline\": \"dbt\"} {}", "{pipeline: \"dbt\"}",
            "{\"pipeline\": \"dbt\" /* c */}", "\u00ff\u00fe", "{\"pipeline\": \"dbt\"", "{\"pipeline\": \"db",
            "{\"pipeline\": \"\\x\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{\"pipeline\": \"dbt\"}}",
            "{\"pipeline\": tru}", "{\"pipeline\": \"dbt\"\u0000}"})
    void malformedJsonIsRejectedWithAPositionAndNoInternals(String body) {
        assertRejected(body, 400).startsWith("Request body is not valid JSON: ")
                .doesNotContain("com.fasterxml", "Exception", "Source", "REDACTED", "Feature", "\n").doesNotEndWith("..")
                .endsWith(".");
    }

    @Test
    void aTooLongNumberOrTooDeepNestingIsRejectedInOurWords() {
        assertRejected("{\"pipeline\": " + "9".repeat(101) + "}", 400).contains("a number is longer than 100 characters");
        assertRejected("{\"pipeline\": " + "9".repeat(5000) + "}", 400).containsPattern("a (number|value) is longer than");
        assertRejected("[".repeat(33) + "]".repeat(33), 400).contains("nested more than 32 levels deep");
        assertRejected("{\"a\":".repeat(2000) + "1" + "}".repeat(2000), 400).contains("nested more than 32 levels deep");
    }

    @Test
    void nestingUpToTheLimitIsParsedAndThenRefusedAsAWrongField() {
        assertThatThrownBy(() -> decode("{\"pipeline\": " + "[".repeat(31) + "]".repeat(31) + "}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("got an array");
    }

    @Test
    void aTooLongStringOrFieldNameIsRejected() {
        assertRejected("{\"pipeline\": \"" + "d".repeat(1025) + "\"}", 400).contains("a value is longer than 1024 characters");
        assertRejected("{\"" + "p".repeat(1025) + "\": \"dbt\"}", 400).contains("a field name is longer than 1024 characters");
    }

    @Test
    void aHugeNumberThatIsShortIsJustAWrongValue() {
        assertThatThrownBy(() -> decode("{\"pipeline\": \"dbt\", \"timeoutSeconds\": 1e999999999}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'timeoutSeconds'");
        assertThatThrownBy(() -> decode("{\"pipeline\": \"dbt\", \"timeoutSeconds\": " + "9".repeat(99) + "}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'timeoutSeconds'");
    }

    @Test
    void invalidUtf8IsRejectedAsNotJson() {
        byte[] body = {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        RejectedRequestException rejected = catchThrowableOfType(RejectedRequestException.class,
                () -> decoder.decode(Optional.empty(), new ByteArrayInputStream(body)));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.getMessage()).startsWith("Request body is not valid JSON: ").contains("UTF-8");
    }

    @Test
    void contentAfterTheObjectIsRejected() {
        assertRejected("{\"pipeline\": \"dbt\"} {}", 400)
                .isEqualTo("Request body is not valid JSON: there is more content after the JSON value (line 1, column 21).");
    }

    @Test
    void theParseErrorSaysWhere() {
        assertRejected("{\n\"pipeline\": \"dbt\",\n}", 400).endsWith("start field name (line 3, column 1).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[]|an array", "\"dbt\"|a string", "7|a number", "false|a boolean", "null|null"})
    void aBodyThatIsNotAnObjectIsRejectedSayingWhatItIs(String body, String kind) {
        assertRejected(body, 400).startsWith("The request body must be a JSON object").endsWith("got " + kind + ".");
    }

    @Test
    void anEmptyBodyIsRejected() {
        assertRejected(" \r\n\t", 400).contains("empty");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRejectedWithoutReadingTheBody() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        assertThatThrownBy(() -> decoder.decode(Optional.of("65537"), untouchable))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void anEndlessBodyIsCutOffJustPastTheLimit() {
        EndlessStream endless = new EndlessStream();

        assertThatThrownBy(() -> decoder.decode(Optional.empty(), endless))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(endless.served).isEqualTo(TriggerRequestDecoder.MAX_BODY_BYTES + 1);
    }

    @Test
    void aDeclaredLengthIsReadExactlyWithoutWaitingForTheEndOfTheStream() {
        byte[] json = "{\"pipeline\": \"ingester\"}".getBytes(StandardCharsets.UTF_8);
        InputStream neverEnding = new java.io.SequenceInputStream(new ByteArrayInputStream(json), new EndlessStream());

        assertThat(decoder.decode(Optional.of(Integer.toString(json.length)), neverEnding))
                .isEqualTo(TriggerPipelineCommand.of(Pipeline.INGESTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "lots", ""})
    void anUnusableContentLengthFallsBackToTheBoundedRead(String header) {
        assertThat(decoder.decode(Optional.of(header), stream("{\"pipeline\": \"dbt\"}")))
                .isEqualTo(TriggerPipelineCommand.of(Pipeline.DBT));
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        byte[] body = ErrorResponsesIT.paddedTrigger(TriggerRequestDecoder.MAX_BODY_BYTES);

        assertThat(decoder.decode(Optional.empty(), new ByteArrayInputStream(body)))
                .isEqualTo(TriggerPipelineCommand.of(Pipeline.DBT));
    }

    private TriggerPipelineCommand decode(String body) {
        return decoder.decode(Optional.empty(), stream(body));
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertRejected(String body, int status) {
        RejectedRequestException rejected = org.assertj.core.api.Assertions.catchThrowableOfType(
                RejectedRequestException.class, () -> decode(body));
        assertThat(rejected).as("rejected").isNotNull();
        assertThat(rejected.status()).isEqualTo(status);
        return assertThat(rejected.getMessage());
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Spaces forever, counting what was read. */
    private static final class EndlessStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return ' ';
        }
    }
}
