package io.pipelinetrigger.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.pipelinetrigger.core.port.out.FiringTimes;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a schedule's cron expression (docs/schedules.md, "cron"): five fields of Unix cron (minute, hour, day of
 * month, month, day of week) or one of the macros {@code @yearly}, {@code @annually}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. The parsing and the firing times are
 * cron-utils'; its exceptions stay in this adapter.
 */
public final class CronExpressions {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final CronParser PARSER = new CronParser(UNIX);
    /** The macros as crontab(5) defines them; cron-utils' Unix definition reads only the five fields. */
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private CronExpressions() {
    }

    /**
     * @throws IllegalArgumentException with one sentence saying what is wrong with the expression
     */
    public static FiringTimes parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String trimmed = expression.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The cron expression is empty; write five fields such as"
                    + " \"0 2 * * *\" or a macro such as \"@daily\".");
        }
        if (trimmed.equalsIgnoreCase("@reboot")) {
            throw new IllegalArgumentException("\"@reboot\" is not a schedule; write five fields such as"
                    + " \"0 2 * * *\" or a macro such as \"@daily\".");
        }
        String fields = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (fields == null) {
            throw new IllegalArgumentException("The cron macro \"" + trimmed + "\" is unknown; use one of @yearly,"
                    + " @annually, @monthly, @weekly, @daily, @midnight, @hourly, or five fields such as \"0 2 * * *\".");
        }
        Cron cron;
        try {
            cron = PARSER.parse(fields);
            cron.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The cron expression \"" + trimmed + "\" is not valid (" + e.getMessage()
                    + "); write five fields (minute hour day-of-month month day-of-week) such as \"0 2 * * *\", or a"
                    + " macro such as \"@daily\".");
        }
        return new CronUtilsFiringTimes(trimmed, cron);
    }
}
