package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.pipelinetrigger.core.domain.Quoting.quoted;

/**
 * What a schedule does about firings that passed while no server ran it (docs/schedules.md, "After a downtime"):
 * nothing, or run once for all of them when the latest is still within the schedule's starting deadline.
 */
public enum CatchUp {
    SKIP, ONCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param field how the caller names the value in its message, e.g. "Field 'catchUp'" */
    public static CatchUp fromWireName(String field, String value) {
        for (CatchUp catchUp : values()) {
            if (catchUp.wireName().equals(value)) {
                return catchUp;
            }
        }
        List<String> names = Arrays.stream(values()).map(CatchUp::wireName).toList();
        throw new InvalidRequestException(field + " must be one of " + allowedNames() + ", got " + quoted(value)
                + ClosestName.hintFor(names, value) + ".");
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(c -> "\"" + c.wireName() + "\"").collect(Collectors.joining(", "));
    }
}
