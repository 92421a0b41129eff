package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A job's id as the API shows it (docs/api.md): {@code <pipeline>-<epoch millis>-<6 chars of [a-z0-9]>}. */
public record JobId(String value) {

    /** The pipeline part comes from {@link Pipeline} itself, so a new pipeline needs no second list here. */
    private static final Pattern FORMAT = Pattern.compile(Arrays.stream(Pipeline.values()).map(Pipeline::wireName)
            .collect(Collectors.joining("|", "(", ")")) + "-[0-9]{1,19}-[a-z0-9]{6}");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,19}");
    private static final int PART_LENGTH = 24; // the whole id is quoted already; a part needs less

    public JobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidRequestException("A job id looks like \"dbt-1710460800000-abc123\"; got "
                    + (value == null ? "nothing" : Quoting.quoted(value)) + "." + (value == null ? "" : wrongPart(value)));
        }
    }

    /** Which of the three parts is wrong, so a copy-paste slip is found without counting characters. */
    private static String wrongPart(String value) {
        Optional<Pipeline> pipeline = Arrays.stream(Pipeline.values())
                .filter(p -> value.startsWith(p.wireName() + "-")).findFirst();
        if (pipeline.isEmpty()) {
            return " It must start with its pipeline: " + Arrays.stream(Pipeline.values())
                    .map(p -> "\"" + p.wireName() + "-\"").collect(Collectors.joining(", ")) + ".";
        }
        String rest = value.substring(pipeline.get().wireName().length() + 1);
        int dash = rest.indexOf('-');
        String millis = dash < 0 ? rest : rest.substring(0, dash);
        if (!MILLIS.matcher(millis).matches()) {
            return " After \"" + pipeline.get().wireName() + "-\" come the epoch millis (1 to 19 digits), got "
                    + Quoting.quoted(millis, PART_LENGTH) + ".";
        }
        return " It must end with a dash and a suffix of 6 characters of a-z and 0-9, got "
                + (dash < 0 ? "none" : Quoting.quoted(rest.substring(dash + 1), PART_LENGTH)) + ".";
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
