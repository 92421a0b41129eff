package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.pipelinetrigger.core.domain.Quoting.quoted;

/** The dbt command word handed to the dbt step as its last argument; the image decides what it means. */
public enum DbtCommand {
    DAILY, RUN, BUILD, TEST, DEPS, ELEMENTARY;

    public static final DbtCommand DEFAULT = DAILY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DbtCommand fromWireName(String value) {
        for (DbtCommand command : values()) {
            if (command.wireName().equals(value)) {
                return command;
            }
        }
        List<String> names = Arrays.stream(values()).map(DbtCommand::wireName).toList();
        throw new InvalidRequestException("Field 'command' must be one of " + allowedNames() + ", got " + quoted(value)
                + ClosestName.hintFor(names, value) + ".");
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(c -> "\"" + c.wireName() + "\"").collect(Collectors.joining(", "));
    }
}
