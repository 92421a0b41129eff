package io.pipelinetrigger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time a process's threads used, from Linux's {@code /proc/<pid>/task/<tid>/stat}, summed per kind of
 * thread (its name without the trailing number) and nice value: what ran while a step printed.
 */
final class ThreadTimes {

    private static final long TICKS_PER_SECOND = 100;

    private ThreadTimes() {
    }

    /** Milliseconds of CPU per "name (nice n)" so far. */
    static Map<String, Long> of(long pid) {
        Map<String, Long> millis = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-0-9]+$", "");
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
                    millis.merge(name + " (nice " + after[16] + ")", ticks * 1000 / TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException gone) {
            return millis;
        }
        return millis;
    }

    /** The CPU the JIT's compiler threads used between two looks. */
    static long compilerMillis(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(entry -> entry.getKey().contains("CompilerThre"))
                .mapToLong(entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L)).sum();
    }

    /** What ran between two looks, busiest first, one line each. */
    static String between(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder lines = new StringBuilder();
        after.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> lines.append(String.format("  %6d ms  %s%n", entry.getValue(), entry.getKey())));
        return lines.toString();
    }
}
