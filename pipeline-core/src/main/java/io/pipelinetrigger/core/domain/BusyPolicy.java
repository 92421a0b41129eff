package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.pipelinetrigger.core.domain.Quoting.quoted;

/**
 * What a trigger wants when another run is active (docs/api.md, "When the pipeline is busy"): be refused with 409,
 * attach to the active run when it is the same request, or wait in the queue.
 */
public enum BusyPolicy {
    REJECT, ATTACH, QUEUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param field how the caller names the value in its message, e.g. "Field 'onBusy'" */
    public static BusyPolicy fromWireName(String field, String value) {
        for (BusyPolicy policy : values()) {
            if (policy.wireName().equals(value)) {
                return policy;
            }
        }
        List<String> names = Arrays.stream(values()).map(BusyPolicy::wireName).toList();
        throw new InvalidRequestException(field + " must be one of " + allowedNames() + ", got " + quoted(value)
                + ClosestName.hintFor(names, value) + ".");
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(c -> "\"" + c.wireName() + "\"").collect(Collectors.joining(", "));
    }
}
