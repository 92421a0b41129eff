package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.ClosestName;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Quoting;
import io.pipelinetrigger.core.domain.Trigger;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.FiringTimes;
import io.pipelinetrigger.rest.PipelineTriggerFeature;
import io.pipelinetrigger.schedule.CronExpressions;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One entry of the schedules file, each field checked with a sentence naming the schedule and the field. */
final class ScheduleEntry {

    static final List<String> FIELDS = List.of("name", "cron", "timeZone", "request", "onBusy", "catchUp",
            "startingDeadline", "enabled");

    /** Where an entry sits, for the sentences: the file and the entry's number in its list (1 = first). */
    record Place(Path file, int number) {
    }

    private final Map<?, ?> fields;
    private final Place place;
    private final String shownName;

    private ScheduleEntry(Map<?, ?> fields, Place place, String shownName) {
        this.fields = fields;
        this.place = place;
        this.shownName = shownName;
    }

    static Schedule read(Object entry, Place place) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new ConfigException(Variables.PIPELINE_SCHEDULES_FILE + ": entry " + place.number() + " of "
                    + place.file() + " must be a map of the fields " + String.join(", ", FIELDS) + ".");
        }
        Object name = fields.get("name");
        String shown = name instanceof String text ? "schedule " + Quoting.quoted(text) : "schedule " + place.number();
        return new ScheduleEntry(fields, place, shown).schedule();
    }

    private Schedule schedule() {
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw refused(String.valueOf(key), "is not a field of a schedule"
                        + ClosestName.hintFor(FIELDS, String.valueOf(key)) + "; its fields are "
                        + String.join(", ", FIELDS));
            }
        }
        String name = name();
        FiringTimes cron = cron();
        ZoneId zone = timeZone();
        TriggerPipelineCommand request = request();
        BusyPolicy onBusy = onBusy();
        CatchUp catchUp = text("catchUp").map(v -> choice("catchUp", () -> CatchUp.fromWireName("It", v)))
                .orElse(CatchUp.ONCE);
        Duration deadline = startingDeadline();
        boolean enabled = enabled();
        return new Schedule(name, cron, zone, request, onBusy, catchUp, deadline, enabled);
    }

    private String name() {
        String name = text("name").orElseThrow(() -> refused("name", "is required"));
        try {
            Trigger.schedule(name);
        } catch (IllegalArgumentException e) {
            throw refused("name", "must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or"
                    + " digit (jobs it starts carry trigger \"schedule:<name>\"), got " + Quoting.quoted(name));
        }
        return name;
    }

    private FiringTimes cron() {
        String expression = text("cron").orElseThrow(() -> refused("cron", "is required, e.g. \"0 2 * * *\""));
        try {
            return CronExpressions.parse(expression);
        } catch (IllegalArgumentException e) {
            throw refused("cron", e.getMessage());
        }
    }

    private ZoneId timeZone() {
        String zone = text("timeZone").orElse("UTC");
        try {
            ZoneId id = ZoneId.of(zone);
            if (id instanceof ZoneOffset && !zone.equals("Z")) {
                throw new DateTimeException("a fixed offset is no time zone");
            }
            return id;
        } catch (DateTimeException e) {
            throw refused("timeZone", "must be an IANA time zone such as \"Europe/Berlin\" or \"UTC\", got "
                    + Quoting.quoted(zone));
        }
    }

    private TriggerPipelineCommand request() {
        Object request = fields.get("request");
        if (!(request instanceof Map<?, ?> body)) {
            throw refused("request", "must be a map with the fields of a trigger's POST body, at least \"pipeline\"");
        }
        if (body.containsKey("onBusy")) {
            throw refused("request", "must not set \"onBusy\": the schedule's own \"onBusy\" (reject or queue) says"
                    + " what a firing does while a run is active");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) body;
            return PipelineTriggerFeature.triggerRequest(typed);
        } catch (InvalidRequestException e) {
            throw refused("request", e.getMessage());
        }
    }

    private BusyPolicy onBusy() {
        String value = text("onBusy").orElse(BusyPolicy.REJECT.wireName());
        if (!value.equals(BusyPolicy.REJECT.wireName()) && !value.equals(BusyPolicy.QUEUE.wireName())) {
            throw refused("onBusy", "must be \"reject\" (skip the firing) or \"queue\", got " + Quoting.quoted(value));
        }
        return BusyPolicy.fromWireName("onBusy", value);
    }

    private Duration startingDeadline() {
        String value = text("startingDeadline").orElse(Schedule.DEFAULT_STARTING_DEADLINE.toString());
        try {
            Duration deadline = Duration.parse(value);
            if (!deadline.isNegative() && !deadline.isZero()) {
                return deadline;
            }
        } catch (DateTimeParseException notADuration) {
            // the sentence below says what is allowed
        }
        throw refused("startingDeadline", "must be a positive ISO-8601 duration such as PT15M, PT1H or P1D, got "
                + Quoting.quoted(value));
    }

    private boolean enabled() {
        Object value = fields.get("enabled");
        if (value == null) {
            return true;
        }
        if (!(value instanceof Boolean flag)) {
            throw refused("enabled", "must be true or false, got " + Quoting.quoted(String.valueOf(value)));
        }
        return flag;
    }

    /** A field that must be text when present (YAML reads a bare {@code 2} or {@code true} as another type). */
    private Optional<String> text(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw refused(field, "must be text (quote it in the YAML), got " + Quoting.quoted(String.valueOf(value)));
        }
        return Optional.of(text);
    }

    private <T> T choice(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRequestException e) {
            throw refused(field, e.getMessage().replaceFirst("^It ", "").replaceFirst("\\.$", ""));
        }
    }

    private ConfigException refused(String field, String problem) {
        String sentence = problem.replaceFirst("\\.$", "");
        String joined = Character.isUpperCase(sentence.charAt(0)) ? ": " + sentence : " " + sentence;
        return new ConfigException(Variables.PIPELINE_SCHEDULES_FILE + ": " + shownName + " (entry " + place.number()
                + " of " + place.file() + "), field '" + field + "'" + joined + ".");
    }
}
