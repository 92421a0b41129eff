package io.pipelinetrigger.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipelinetrigger.core.port.in.Schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PIPELINE_SCHEDULES_FILE} (docs/schedules.md): a YAML file with a top-level {@code schedules:} list, read
 * once at start-up. Any wrong schedule stops start-up with one sentence naming the schedule and its field; a
 * change of the file takes effect at the next start.
 */
final class ScheduleFile {

    /** A schedules file is a few screens at most; anything bigger is the wrong file. */
    private static final long MAX_BYTES = 1024 * 1024;

    private ScheduleFile() {
    }

    /** The schedules of the file the variable names, in its order; none when it is unset. */
    static List<Schedule> read(Variables variables) {
        return variables.path(Variables.PIPELINE_SCHEDULES_FILE).map(ScheduleFile::read).orElse(List.of());
    }

    static List<Schedule> read(Path file) {
        List<?> entries = entries(file, parse(file));
        List<Schedule> schedules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Schedule schedule = ScheduleEntry.read(entries.get(i), new ScheduleEntry.Place(file, i + 1));
            if (!names.add(schedule.name())) {
                throw new ConfigException(Variables.PIPELINE_SCHEDULES_FILE + ": schedule \"" + schedule.name()
                        + "\" (entry " + (i + 1) + " of " + file + ") has the name of an earlier schedule; each"
                        + " schedule needs its own name, which keys its firings.");
            }
            schedules.add(schedule);
        }
        return List.copyOf(schedules);
    }

    private static Object parse(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw refused(file, "is larger than 1 MiB; it should hold only the schedules");
            }
            return Optional.<Object>ofNullable(Yaml.MAPPER.readValue(file.toFile(), Object.class)).orElse(Map.of());
        } catch (JsonProcessingException e) {
            throw refused(file, "is not valid YAML (" + e.getOriginalMessage() + ", at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "); a cron expression starting with '*' or '@' must be quoted", e);
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<?> entries(Path file, Object document) {
        if (!(document instanceof Map<?, ?> top) || !top.containsKey("schedules")) {
            throw refused(file, "must hold a top-level \"schedules:\" list");
        }
        for (Object key : top.keySet()) {
            if (!"schedules".equals(key)) {
                throw refused(file, "has the unknown top-level key \"" + key + "\"; it holds only \"schedules:\"");
            }
        }
        Object list = top.get("schedules");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> schedules)) {
            throw refused(file, "must hold a list under \"schedules:\", each entry a schedule starting with \"- name:\"");
        }
        return schedules;
    }

    private static ConfigException refused(Path file, String what) {
        return new ConfigException(Variables.PIPELINE_SCHEDULES_FILE + " names " + file + ", which " + what + ".");
    }

    private static ConfigException refused(Path file, String what, Exception cause) {
        return new ConfigException(Variables.PIPELINE_SCHEDULES_FILE + " names " + file + ", which " + what + ".",
                cause);
    }

    /**
     * Made when a file is read, not when the configuration is: a server without schedules never loads the YAML
     * parser (docs/performance.md, "Start-up").
     */
    private static final class Yaml {
        static final YAMLMapper MAPPER = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
