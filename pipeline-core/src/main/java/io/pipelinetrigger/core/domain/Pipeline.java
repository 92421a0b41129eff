package io.pipelinetrigger.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.pipelinetrigger.core.domain.Quoting.quoted;

/** What a trigger asks for: which steps run, in which order. */
public enum Pipeline {
    INGESTER(List.of(StepName.INGESTER)),
    DBT(List.of(StepName.DBT)),
    FULL(List.of(StepName.INGESTER, StepName.DBT));

    private final List<StepName> steps;

    Pipeline(List<StepName> steps) {
        this.steps = steps;
    }

    public List<StepName> steps() {
        return steps;
    }

    public boolean runsDbt() {
        return steps.contains(StepName.DBT);
    }

    /** The name on the wire and in job ids: {@code ingester}, {@code dbt}, {@code full}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Pipeline fromWireName(String value) {
        for (Pipeline pipeline : values()) {
            if (pipeline.wireName().equals(value)) {
                return pipeline;
            }
        }
        List<String> names = Arrays.stream(values()).map(Pipeline::wireName).toList();
        throw new InvalidRequestException("Field 'pipeline' must be one of " + allowedNames() + ", got " + quoted(value)
                + ClosestName.hintFor(names, value) + ".");
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(p -> "\"" + p.wireName() + "\"").collect(Collectors.joining(", "));
    }
}
