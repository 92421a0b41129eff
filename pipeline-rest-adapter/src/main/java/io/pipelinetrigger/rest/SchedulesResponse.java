package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET .../schedules}: every schedule, its request as configured, its next and its last firing. */
@JsonPropertyOrder({"success", "schedules"})
record SchedulesResponse(boolean success, List<ScheduleResponse> schedules) implements ResponseBody {

    SchedulesResponse {
        schedules = List.copyOf(schedules);
    }

    /**
     * One schedule. {@code lastRunAt} is the time the cron named for the last firing (a catch-up runs later; its
     * job's {@code createdAt} says when), whatever became of it: {@code lastResult} says that, and
     * {@code lastSkipReason} why a skipped one did not run.
     */
    @JsonPropertyOrder({"name", "cron", "timeZone", "request", "onBusy", "catchUp", "startingDeadline", "enabled",
            "nextRunAt", "lastRunAt", "lastJobId", "lastResult", "lastSkipReason"})
    record ScheduleResponse(String name, String cron, String timeZone, Map<String, Object> request, String onBusy,
                            String catchUp, String startingDeadline, boolean enabled, String nextRunAt,
                            String lastRunAt, String lastJobId, String lastResult, String lastSkipReason) {
    }

    static SchedulesResponse of(List<ScheduleView> views) {
        return new SchedulesResponse(true, views.stream().map(SchedulesResponse::view).toList());
    }

    private static ScheduleResponse view(ScheduleView view) {
        Schedule schedule = view.schedule();
        Optional<FiringRecord> last = view.lastFiring();
        return new ScheduleResponse(schedule.name(), schedule.cron().expression(), schedule.timeZone().getId(),
                request(schedule.request()), schedule.onBusy().wireName(), schedule.catchUp().wireName(),
                schedule.startingDeadline().toString(), schedule.enabled(), WireTime.formatOrNull(view.nextRunAt()),
                WireTime.formatOrNull(last.map(f -> f.firing().scheduledFor())),
                last.flatMap(FiringRecord::jobId).map(JobId::value).orElse(null),
                last.map(f -> f.result().wireName()).orElse(null),
                last.flatMap(FiringRecord::skipReason).orElse(null));
    }

    /** The request in the fields of a POST body, only those the schedule sets (the rest are server defaults). */
    private static Map<String, Object> request(TriggerPipelineCommand command) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pipeline", command.pipeline().wireName());
        command.command().map(DbtCommand::wireName).ifPresent(c -> fields.put("command", c));
        command.enableOpenlineage().ifPresent(flag -> fields.put("enableOpenlineage", flag));
        command.enableElementary().ifPresent(flag -> fields.put("enableElementary", flag));
        command.timeout().ifPresent(t -> fields.put("timeoutSeconds", t.toSeconds()));
        command.queueTimeout().ifPresent(t -> fields.put("queueTimeoutSeconds", t.toSeconds()));
        return fields;
    }
}
