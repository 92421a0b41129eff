-- How a job ended (docs/api.md, "How a job ended") and what started it, both shown in the job view.
-- outcome is NULL while the job runs; triggered_by is 'api' or 'schedule:<name>'.
-- Jobs already in the store get theirs from status, exit code and error: a failed job whose error is the
-- sentence a step timeout writes ("Step dbt timed out after 45m.") timed out. ${error_text} reads error_utf8
-- as text; SchemaMigration sets it for H2 and PostgreSQL, the one thing their SQL spells differently here.

ALTER TABLE jobs ADD COLUMN outcome VARCHAR(16);
ALTER TABLE jobs ADD COLUMN triggered_by VARCHAR(80) DEFAULT 'api' NOT NULL;

UPDATE jobs SET outcome = CASE
    WHEN status = 'completed' AND exit_code = 0 THEN 'succeeded'
    WHEN status = 'completed' THEN 'errored'
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN status = 'failed' AND error_utf8 IS NOT NULL AND ${error_text} LIKE 'Step % timed out after %' THEN 'timed_out'
    ELSE 'failed'
END
WHERE status <> 'running';

ALTER TABLE jobs ADD CONSTRAINT jobs_outcome_once_ended CHECK (
    (status = 'running' AND outcome IS NULL) OR (status <> 'running' AND outcome IS NOT NULL));
