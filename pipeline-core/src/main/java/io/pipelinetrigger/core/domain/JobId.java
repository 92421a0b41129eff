package io.pipelinetrigger.core.domain;

import java.util.regex.Pattern;

/** A job's id in the seed's format: {@code <pipeline>-<epoch millis>-<6 chars of [a-z0-9]>}. */
public record JobId(String value) {

    private static final Pattern FORMAT = Pattern.compile("(ingester|dbt|full)-[0-9]{1,19}-[a-z0-9]{6}");

    public JobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidRequestException("A job id looks like \"dbt-1710460800000-abc123\"; got "
                    + (value == null ? "nothing" : InvalidRequestException.quoted(value)) + ".");
        }
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
