package io.pipelinetrigger.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@link TokenCheckBenchmark} and says whether the time to reject a wrong token depends on how much of
 * the real token it shares: for each benchmark, the mean at every shared prefix is compared with the mean at
 * prefix 0, and a difference larger than both 99.9% confidence intervals together is called a signal.
 * {@code apiTokensRejectsAWrongToken} must show none; {@code naiveEarlyExitComparison} (the control) should show
 * one, or this run could not have seen a leak either. Exit code 0 when the token check is within noise.
 *
 * <pre>java -jar pipeline-bench/target/pipeline-bench.jar [--quick]</pre>
 */
public final class TokenTimingReport {

    private static final String REAL = "apiTokensRejectsAWrongToken";
    private static final String CONTROL = "naiveEarlyExitComparison";

    private TokenTimingReport() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TokenCheckBenchmark.class.getName())
                .forks(quick ? 1 : 3)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.seconds(1));
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Map<Integer, Result<?>>> byBenchmark = new TreeMap<>();
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            int prefix = Integer.parseInt(run.getParams().getParam("sharedPrefix"));
            byBenchmark.computeIfAbsent(name, key -> new TreeMap<>()).put(prefix, run.getPrimaryResult());
        }
        boolean realLeaks = report(REAL, byBenchmark.get(REAL));
        boolean controlLeaks = report(CONTROL, byBenchmark.get(CONTROL));
        System.out.println();
        System.out.println("ApiTokens: " + (realLeaks ? "TIME DEPENDS ON THE SHARED PREFIX" : "within noise")
                + "; control (naive comparison): " + (controlLeaks ? "difference seen, so this run resolves a leak of that size"
                : "no difference seen, so this run was not sensitive enough to prove anything; run it longer"));
        System.exit(realLeaks ? 1 : 0);
    }

    /** Prints each prefix against prefix 0; true when any difference exceeds the noise. */
    private static boolean report(String name, Map<Integer, Result<?>> byPrefix) {
        Result<?> base = byPrefix.get(0);
        boolean signal = false;
        System.out.println();
        System.out.println(name + " (ns per check, mean ± 99.9% CI):");
        for (Map.Entry<Integer, Result<?>> entry : byPrefix.entrySet()) {
            Result<?> result = entry.getValue();
            double difference = result.getScore() - base.getScore();
            double noise = error(result) + error(base);
            boolean beyond = entry.getKey() != 0 && Math.abs(difference) > noise;
            signal |= beyond;
            System.out.println(String.format(Locale.ROOT, "  shared prefix %2d: %8.2f ± %6.2f   difference to 0: %+7.2f"
                    + " (noise %.2f)%s", entry.getKey(), result.getScore(), error(result), difference, noise,
                    beyond ? "  <- beyond noise" : ""));
        }
        return signal;
    }

    private static double error(Result<?> result) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? 0 : error;
    }
}
