-- The queue of jobs waiting for the active run (docs/api.md, "When the pipeline is busy"). A queued job is a row
-- of jobs with status 'queued' (no active_slot, no outcome yet); the queue's order is created_at_nanos, then id.
-- queue_deadline_nanos is when it gives up waiting (its queueTimeout), NULL for no limit.
-- job_queue_lock has one row that every enqueue locks (SELECT ... FOR UPDATE) before it counts the queue, so that
-- racing enqueues on any number of servers never put more than the limit into it; which queued job starts is
-- decided by jobs_one_active, as for a trigger.

ALTER TABLE jobs ADD COLUMN queue_deadline_nanos BIGINT;

ALTER TABLE jobs DROP CONSTRAINT jobs_outcome_once_ended;
ALTER TABLE jobs ADD CONSTRAINT jobs_outcome_once_ended CHECK (
    (status IN ('running', 'queued') AND outcome IS NULL)
    OR (status NOT IN ('running', 'queued') AND outcome IS NOT NULL));

CREATE INDEX jobs_status_created_at ON jobs (status, created_at_nanos);

CREATE TABLE job_queue_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO job_queue_lock (id) VALUES (1);
