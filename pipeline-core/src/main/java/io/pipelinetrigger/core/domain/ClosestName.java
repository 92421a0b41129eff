package io.pipelinetrigger.core.domain;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a mistyped one most likely meant, for "did you mean" hints. */
public final class ClosestName {

    private ClosestName() {
    }

    /** The closest known name within a small edit distance (case ignored), if any is close enough. */
    public static Optional<String> among(Collection<String> known, String typed) {
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(candidate.toLowerCase(Locale.ROOT), lowerTyped);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, typed.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /**
     * The hint right after a refused value, or "" when none helps: {@code  (values are lower case: "dbt")} for a
     * known name in other case, {@code  (did you mean "dbt"?)} for a near miss. In parentheses, so the sentence
     * still ends where it did.
     */
    public static String hintFor(Collection<String> known, String typed) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(typed)) {
                return " (values are lower case: \"" + candidate + "\")";
            }
        }
        return among(known, typed).map(name -> " (did you mean \"" + name + "\"?)").orElse("");
    }

    /** Levenshtein distance; inputs here are field names, so the quadratic cost is nothing. */
    static int distance(String a, String b) {
        if (a.length() > 256 || b.length() > 256) {
            return Integer.MAX_VALUE; // nobody mistypes a field name into a paragraph
        }
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
