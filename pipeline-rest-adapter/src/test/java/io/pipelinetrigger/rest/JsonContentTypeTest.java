package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF8", "application/problem+json"})
    void jsonInUtf8IsAccepted(String header) {
        assertThatCode(() -> JsonContentType.require(Optional.of(header))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/jsonx", "application/json; charset=utf-16", ";;;", "application", "", "   "})
    void anythingElseIs415(String header) {
        RejectedRequestException rejected = catchThrowableOfType(RejectedRequestException.class,
                () -> JsonContentType.require(Optional.of(header)));

        assertThat(rejected).isNotNull();
        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.getMessage()).startsWith("The request").contains("JSON").endsWith(".");
    }

    @Test
    void aMissingHeaderIs415BecauseBrowsersMaySendSuchABodyToAnyOrigin() {
        RejectedRequestException rejected = catchThrowableOfType(RejectedRequestException.class,
                () -> JsonContentType.require(Optional.empty()));

        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.getMessage()).isEqualTo(
                "The request has no Content-Type; send the JSON body with \"Content-Type: application/json\".");
    }
}
