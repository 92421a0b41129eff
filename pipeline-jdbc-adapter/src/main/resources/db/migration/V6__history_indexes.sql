-- Indexes for the history (docs/api.md, "List the jobs"; docs/performance.md). A page is read newest first by
-- (created_at_nanos, id), the cursor's key, optionally narrowed by status, pipeline or outcome; retention deletes by
-- finished_at_nanos, which V1 indexed already. The composite index replaces V1's index on created_at_nanos alone.

DROP INDEX jobs_created_at;
CREATE INDEX jobs_newest ON jobs (created_at_nanos, id);
CREATE INDEX jobs_status_newest ON jobs (status, created_at_nanos, id);
CREATE INDEX jobs_pipeline_newest ON jobs (pipeline, created_at_nanos, id);
CREATE INDEX jobs_outcome_newest ON jobs (outcome, created_at_nanos, id);
