-- Schedule firings (docs/schedules.md, "Exactly once"): what became of a schedule's firing, written in the same
-- transaction as the job it started or queued (or alone, when it was skipped). The primary key admits one record
-- per firing, so of several servers on one store, or a server and its restart, exactly one fires it. Only the
-- latest firing of each schedule is kept: an insert removes the older rows of its schedule. scheduled_for_nanos
-- is the time the cron named; fired_at_nanos when it actually fired (later after a downtime). No foreign key to
-- jobs: a job is removed after its retention, its schedule's last firing stays.

CREATE TABLE schedule_firings (
    schedule_name       VARCHAR(64)   NOT NULL,
    scheduled_for_nanos BIGINT        NOT NULL,
    fired_at_nanos      BIGINT        NOT NULL,
    result              VARCHAR(16)   NOT NULL,
    job_id              VARCHAR(64),
    skip_reason         VARCHAR(4000),
    CONSTRAINT schedule_firings_pk PRIMARY KEY (schedule_name, scheduled_for_nanos),
    CONSTRAINT schedule_firings_result CHECK (
        (result IN ('started', 'queued') AND job_id IS NOT NULL AND skip_reason IS NULL)
        OR (result = 'skipped' AND job_id IS NULL AND skip_reason IS NOT NULL))
);
