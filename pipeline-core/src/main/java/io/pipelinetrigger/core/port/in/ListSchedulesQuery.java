package io.pipelinetrigger.core.port.in;

import java.util.List;

/** The configured schedules, in the order of their file, each with its next and last firing. */
public interface ListSchedulesQuery {

    List<ScheduleView> listSchedules();
}
