package io.pipelinetrigger.bench;

import io.pipelinetrigger.rest.ApiTokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How long rejecting a wrong token takes, by how many leading characters it shares with the real one. The
 * real check ({@link ApiTokens#idOf}) should not care; the control, a naive character loop that stops at the
 * first difference, should, and shows that the measurement can see such a leak at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCheckBenchmark {

    /** As {@code openssl rand -hex 32} makes them: 64 characters. */
    static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845b1d8e6f4a2c07935e8d1f6a3c4b29071";
    static final String SHARED_PREFIXES_0 = "0";
    static final String SHARED_PREFIXES_HALF = "32";
    static final String SHARED_PREFIXES_ALL_BUT_LAST = "63";

    /** How many leading characters the wrong token shares with the real one. */
    @Param({SHARED_PREFIXES_0, SHARED_PREFIXES_HALF, SHARED_PREFIXES_ALL_BUT_LAST})
    public int sharedPrefix;

    private ApiTokens tokens;
    private String wrong;

    @Setup
    public void setUp() {
        tokens = ApiTokens.of(List.of(TOKEN));
        wrong = wrongTokenSharing(sharedPrefix);
        if (tokens.idOf(wrong).isPresent() || wrong.length() != TOKEN.length()) {
            throw new IllegalStateException("the wrong token must be wrong and as long as the real one");
        }
    }

    /** The same length as the token, equal in its first {@code shared} characters, different in every other. */
    static String wrongTokenSharing(int shared) {
        StringBuilder wrong = new StringBuilder(TOKEN.substring(0, shared));
        for (int i = shared; i < TOKEN.length(); i++) {
            wrong.append(TOKEN.charAt(i) == 'z' ? 'y' : 'z');
        }
        return wrong.toString();
    }

    @Benchmark
    public Optional<String> apiTokensRejectsAWrongToken() {
        return tokens.idOf(wrong);
    }

    /** The control: what a leaking comparison looks like. */
    @Benchmark
    public boolean naiveEarlyExitComparison() {
        return naiveEquals(TOKEN, wrong);
    }

    private static boolean naiveEquals(String expected, String presented) {
        if (expected.length() != presented.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (expected.charAt(i) != presented.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
