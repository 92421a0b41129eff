package io.pipelinetrigger.core.port.out;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a cron expression fires, computed in the zone of the times it is given (an adapter implements it on a cron
 * library; docs/schedules.md). Daylight saving is the adapter's business: a time that does not exist on a
 * spring-forward day fires once at the first valid time after the gap, and a time that exists twice on a
 * fall-back day fires once.
 */
public interface FiringTimes {

    /** The expression as the operator wrote it, e.g. {@code 0 2 * * *} or {@code @daily}. */
    String expression();

    /** The first firing strictly after {@code time}; empty when the expression never fires again. */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime time);

    /** The latest firing at or before {@code time}; empty when there was none. */
    Optional<ZonedDateTime> lastAtOrBefore(ZonedDateTime time);
}
