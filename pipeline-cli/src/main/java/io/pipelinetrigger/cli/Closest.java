package io.pipelinetrigger.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Bad input is answered with the closest valid value, by edit distance. */
final class Closest {

    private Closest() {
    }

    static String to(String given, List<String> valid) {
        String lower = given.toLowerCase(Locale.ROOT);
        return valid.stream().min(Comparator.comparingInt(candidate -> distance(lower, candidate))).orElseThrow();
    }

    /**
     * {@code given} itself when it is valid.
     *
     * @throws CliException exit 64, one sentence naming the closest valid value
     */
    static String require(String what, String given, List<String> valid) {
        if (valid.contains(given)) {
            return given;
        }
        throw new CliException(ExitCodes.USAGE, "unknown " + what + " '" + given + "': did you mean '"
                + to(given, valid) + "'? (one of " + String.join(", ", valid) + ")");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
