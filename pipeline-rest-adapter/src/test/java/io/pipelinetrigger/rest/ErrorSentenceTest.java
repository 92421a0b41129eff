package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSentenceTest {

    @Test
    void aShortSentenceStaysAsItIs() {
        String sentence = "Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\", got \"spark\".";

        assertThat(ErrorSentence.tidy(sentence)).isEqualTo(sentence);
    }

    @Test
    void aLongQuotedValueIsShortened() {
        String sentence = "Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\", got \"" + "x".repeat(1000) + "\".";

        assertThat(ErrorSentence.tidy(sentence))
                .isEqualTo("Field 'pipeline' must be one of \"ingester\", \"dbt\", \"full\", got \"" + "x".repeat(64) + "...\".");
    }

    @Test
    void controlCharactersAreShownEscapedSoTheSentenceStaysOneLine() {
        assertThat(ErrorSentence.tidy("Unknown field \"a\nb\u001b[31m\u2028\".")).isEqualTo("Unknown field \"a\\x0ab\\x1b[31m\\u2028\".");
    }

    @Test
    void aSentenceFullOfShortQuotesIsCutAsAWhole() {
        String sentence = "got " + "\"ab\" ".repeat(200) + ".";

        assertThat(ErrorSentence.tidy(sentence)).hasSize(ErrorSentence.MAX_LENGTH - 20 + "... (shortened).".length())
                .endsWith("... (shortened).");
    }
}
