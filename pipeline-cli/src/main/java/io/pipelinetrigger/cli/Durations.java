package io.pipelinetrigger.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 90}, {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT5M}. */
final class Durations {

    private static final List<String> UNITS = List.of("s", "m", "h", "d");
    private static final Pattern PART = Pattern.compile("(\\d+)([a-z]*)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+[a-z]*)+");

    private Durations() {
    }

    /** @throws CliException exit 64, with the closest valid spelling */
    static Duration parse(String option, String text) {
        String given = text.trim().toLowerCase(Locale.ROOT);
        if (given.startsWith("pt") || given.startsWith("p")) {
            try {
                return positive(option, text, Duration.parse(given.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw bad(option, text, "for example PT5M or 5m");
            }
        }
        if (!WHOLE.matcher(given).matches()) {
            throw bad(option, text, "for example 30s, 5m or 1h30m");
        }
        Duration total = Duration.ZERO;
        StringBuilder corrected = new StringBuilder();
        boolean valid = true;
        Matcher part = PART.matcher(given);
        while (part.find()) {
            long amount;
            try {
                amount = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                throw bad(option, text, "a smaller number");
            }
            String unit = part.group(2).isEmpty() ? "s" : part.group(2);
            if (!UNITS.contains(unit)) {
                valid = false;
                unit = unit.startsWith("mi") ? "m" : Closest.to(unit, UNITS);
            }
            corrected.append(amount).append(unit);
            total = total.plus(switch (unit) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        if (!valid) {
            throw bad(option, text, "did you mean " + corrected + "? (units s, m, h, d)");
        }
        return positive(option, text, total);
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private static Duration positive(String option, String text, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw bad(option, text, "a duration above zero, for example 30s");
        }
        return duration;
    }

    private static CliException bad(String option, String text, String hint) {
        return new CliException(ExitCodes.USAGE, "bad duration for " + option + " '" + text + "': " + hint);
    }
}
