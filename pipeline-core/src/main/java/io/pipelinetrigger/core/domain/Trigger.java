package io.pipelinetrigger.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What started a job, as the job view's {@code trigger} shows it: {@code api} (a call of the HTTP API or an
 * embedder's {@code trigger}) or {@code schedule:<name>}, a job a schedule fired (docs/schedules.md).
 */
public record Trigger(String wireName) {

    public static final Trigger API = new Trigger("api");

    private static final String SCHEDULE_PREFIX = "schedule:";
    private static final Pattern SCHEDULE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Trigger {
        Objects.requireNonNull(wireName, "wireName");
        if (!wireName.equals("api") && !isScheduleName(wireName)) {
            throw new IllegalArgumentException("a trigger is \"api\" or \"schedule:<name>\" (lower-case letters,"
                    + " digits, '-' and '_', at most 64), not " + Quoting.quoted(wireName));
        }
    }

    public static Trigger schedule(String name) {
        return new Trigger(SCHEDULE_PREFIX + name);
    }

    private static boolean isScheduleName(String value) {
        return value.startsWith(SCHEDULE_PREFIX)
                && SCHEDULE_NAME.matcher(value.substring(SCHEDULE_PREFIX.length())).matches();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
