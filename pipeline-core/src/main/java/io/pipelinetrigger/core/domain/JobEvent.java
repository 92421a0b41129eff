package io.pipelinetrigger.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened to a job and is told to webhook endpoints (docs/webhooks.md): {@code job.started}, or
 * {@code job.<outcome>} when it ended. {@code job} is the job as saved by the change that caused the event;
 * {@code lastLines} the end of its output, already cleaned and redacted like the API's.
 */
public record JobEvent(String id, String type, Instant occurredAt, Job job, List<String> lastLines) {

    public static final String STARTED = "job.started";
    /** How many lines of output an event carries at most. */
    public static final int LAST_LINES = 20;

    public JobEvent {
        Objects.requireNonNull(id, "id");
        requireKnownType(type);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(job, "job");
        lastLines = List.copyOf(lastLines);
    }

    /** Every event type there is: {@code job.started} and one per outcome. */
    public static List<String> types() {
        List<String> types = new ArrayList<>();
        types.add(STARTED);
        Arrays.stream(Outcome.values()).map(JobEvent::endType).forEach(types::add);
        return List.copyOf(types);
    }

    public static String endType(Outcome outcome) {
        return "job." + outcome.wireName();
    }

    /** @throws IllegalArgumentException naming the closest known type */
    public static String requireKnownType(String type) {
        Objects.requireNonNull(type, "type");
        if (!types().contains(type)) {
            throw new IllegalArgumentException("unknown event " + Quoting.quoted(type)
                    + ClosestName.hintFor(types(), type) + "; the events are " + String.join(", ", types()));
        }
        return type;
    }

    /** The last {@link #LAST_LINES} lines of an output text. */
    public static List<String> lastLinesOf(String output) {
        if (output.isEmpty()) {
            return List.of();
        }
        List<String> lines = Arrays.asList(output.split("\r?\n", -1));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
    }
}
