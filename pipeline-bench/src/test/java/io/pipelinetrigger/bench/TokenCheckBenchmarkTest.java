package io.pipelinetrigger.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures what it says: wrong tokens of the right length that share exactly the given prefix. */
class TokenCheckBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 32, 63})
    void theWrongTokenSharesExactlyThePrefixAndIsRejected(int shared) {
        String wrong = TokenCheckBenchmark.wrongTokenSharing(shared);

        assertThat(wrong).hasSameSizeAs(TokenCheckBenchmark.TOKEN)
                .startsWith(TokenCheckBenchmark.TOKEN.substring(0, shared));
        for (int i = shared; i < wrong.length(); i++) {
            assertThat(wrong.charAt(i)).isNotEqualTo(TokenCheckBenchmark.TOKEN.charAt(i));
        }
        TokenCheckBenchmark benchmark = new TokenCheckBenchmark();
        benchmark.sharedPrefix = shared;
        benchmark.setUp();
        assertThat(benchmark.apiTokensRejectsAWrongToken()).isEmpty();
        assertThat(benchmark.naiveEarlyExitComparison()).isFalse();
    }
}
