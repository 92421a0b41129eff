package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String NEXT_TOKEN = "b1d8e6f4a2c07935e8d1f6a3c4b29071";

    private final ApiTokens tokens = ApiTokens.of(List.of(TOKEN));

    @Test
    void theRightTokenIsKnownByItsId() {
        assertThat(tokens.idOf(TOKEN)).contains(ApiTokens.fingerprint(TOKEN));
        assertThat(tokens.required()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "3f9c2a7d51e84b06a1c9d2e7f0b3a84", "3f9c2a7d51e84b06a1c9d2e7f0b3a8455",
            "3f9c2a7d51e84b06a1c9d2e7f0b3a846", "0f9c2a7d51e84b06a1c9d2e7f0b3a845", "3F9C2A7D51E84B06A1C9D2E7F0B3A845",
            " 3f9c2a7d51e84b06a1c9d2e7f0b3a845"})
    void aMissingWrongOrWrongLengthTokenIsUnknown(String presented) {
        assertThat(tokens.idOf(presented)).isEmpty();
    }

    @Test
    void duringARotationBothTokensAreKnownEachByItsOwnId() {
        ApiTokens rotating = ApiTokens.of(List.of(TOKEN, NEXT_TOKEN));

        assertThat(rotating.idOf(TOKEN)).contains(ApiTokens.fingerprint(TOKEN));
        assertThat(rotating.idOf(NEXT_TOKEN)).contains(ApiTokens.fingerprint(NEXT_TOKEN));
        assertThat(rotating.ids()).containsExactly(ApiTokens.fingerprint(TOKEN), ApiTokens.fingerprint(NEXT_TOKEN));
    }

    @Test
    void theIdIsAShortFingerprintThatDoesNotShowTheToken() {
        String id = ApiTokens.fingerprint(TOKEN);

        assertThat(id).matches("[0-9a-f]{8}").isNotEqualTo(TOKEN.substring(0, 8));
        assertThat(tokens.toString()).doesNotContain(TOKEN).contains(id);
    }

    @Test
    void noTokensMeansNoneIsRequired() {
        assertThat(ApiTokens.none().required()).isFalse();
        assertThat(ApiTokens.of(List.of()).required()).isFalse();
        assertThat(ApiTokens.none().idOf(TOKEN)).isEmpty();
    }

    @Test
    void aShortTokenIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ApiTokens.of(List.of(TOKEN, "hunter2hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API token 2 is shorter than 16 characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with a space in it!!", "tab\there-is-a-long-one", "ümlaut-is-not-ascii-ok"})
    void aTokenWithSpacesOrNonAsciiIsRefused(String token) {
        assertThatThrownBy(() -> ApiTokens.of(List.of(token)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API token 1 holds a character that is not visible ASCII")
                .hasMessageNotContaining(token);
    }
}
