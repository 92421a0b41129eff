-- The store-backed output archive (docs/operations.md, "Replicas"): each step's whole output as rows of up to
-- a few hundred KiB, written in batches as the output arrives, so every replica on this database reads the same
-- log. byte_offset is where the row's bytes begin in the step's output; the primary key is the index a read by
-- offset walks (the row holding the offset, then the ones after it). No foreign key to jobs: retention deletes a
-- job's rows with the job, and a row written while its job is deleted must not fail the step's output pump.

CREATE TABLE job_log_chunks (
    job_id      VARCHAR(64) NOT NULL,
    step        VARCHAR(32) NOT NULL,
    byte_offset BIGINT      NOT NULL,
    byte_count  INTEGER     NOT NULL,
    bytes       BYTEA       NOT NULL,
    CONSTRAINT job_log_chunks_pk PRIMARY KEY (job_id, step, byte_offset)
);
