package io.pipelinetrigger.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Timestamps on the wire: ISO-8601 in UTC with milliseconds, always the same width ("2024-03-15T00:00:00.000Z"). */
final class WireTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** JSON null for a time not known yet. */
    static String formatOrNull(Optional<Instant> instant) {
        return instant.map(WireTime::format).orElse(null);
    }
}
