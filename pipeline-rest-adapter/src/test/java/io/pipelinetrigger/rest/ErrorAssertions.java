package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error answer of the API looks like: one JSON shape, one sentence, nothing internal. */
final class ErrorAssertions {

    private ErrorAssertions() {
    }

    /** Asserts the error shape and status; returns the error sentence for further checks. */
    static String assertError(ApiClient.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualToIgnoringCase("application/json;charset=UTF-8");
        JsonNode body = answer.json();
        if (status == 409) {
            assertThat(SeedExamplesIT.fieldNames(body)).containsExactly("success", "error", "runningJobId");
            assertThat(body.get("runningJobId").asText()).isNotBlank();
        } else {
            assertThat(SeedExamplesIT.fieldNames(body)).containsExactly("success", "error");
        }
        assertThat(body.get("success").isBoolean()).isTrue();
        assertThat(body.get("success").asBoolean()).isFalse();
        String error = body.get("error").asText();
        assertThat(error).isNotBlank().doesNotContain("\n").endsWith(".")
                .doesNotContain("Exception", "com.fasterxml", "jackson", "org.glassfish", "io.pipelinetrigger", "\tat ");
        return error;
    }
}
