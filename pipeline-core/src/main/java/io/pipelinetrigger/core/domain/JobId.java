package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A job's id as the API shows it (docs/api.md): {@code <pipeline>-<epoch millis>-<6 chars of [a-z0-9]>}. */
public record JobId(String value) {

    /** The pipeline part comes from {@link Pipeline} itself, so a new pipeline needs no second list here. */
    private static final Pattern FORMAT = Pattern.compile(Arrays.stream(Pipeline.values()).map(Pipeline::wireName)
            .collect(Collectors.joining("|", "(", ")")) + "-[0-9]{1,19}-[a-z0-9]{6}");

    public JobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidRequestException("A job id looks like \"dbt-1710460800000-abc123\"; got "
                    + (value == null ? "nothing" : Quoting.quoted(value)) + ".");
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
