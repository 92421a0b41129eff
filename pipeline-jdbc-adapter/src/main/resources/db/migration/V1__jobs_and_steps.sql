-- The job store. Portable SQL: the same script runs on H2 2.x and PostgreSQL.
-- Instants are epoch nanoseconds (BIGINT), so what the clock produced comes back exactly (years 1677 to 2262);
-- in PostgreSQL, to_timestamp(created_at_nanos / 1e9) shows one. Free text that a step or a runner wrote
-- (output, error) is kept as UTF-8 bytes: PostgreSQL's text refuses U+0000, which a step may well print;
-- convert_from(output_utf8, 'UTF8') shows it.

CREATE TABLE jobs (
    id                  VARCHAR(64)   NOT NULL,
    pipeline            VARCHAR(16)   NOT NULL,
    dbt_command         VARCHAR(16),
    enable_openlineage  BOOLEAN       NOT NULL,
    enable_elementary   BOOLEAN       NOT NULL,
    step_timeout        VARCHAR(64),
    idempotency_key     VARCHAR(255),
    request_fingerprint VARCHAR(2048),
    status              VARCHAR(16)   NOT NULL,
    -- 1 while the job runs, NULL once it ended: the unique constraint below admits one running job at a
    -- time (many NULLs are allowed), so the database, not a lock in one process, decides a racing trigger.
    active_slot         SMALLINT,
    created_at_nanos    BIGINT        NOT NULL,
    started_at_nanos    BIGINT,
    finished_at_nanos   BIGINT,
    exit_code           INTEGER,
    error_utf8          BYTEA,
    output_utf8         BYTEA         NOT NULL,
    -- bumped by every update; an update only applies while status is 'running' (a job ends exactly once)
    version             BIGINT        NOT NULL,
    CONSTRAINT jobs_pk PRIMARY KEY (id),
    CONSTRAINT jobs_one_active UNIQUE (active_slot),
    CONSTRAINT jobs_idempotency_key_unique UNIQUE (idempotency_key),
    CONSTRAINT jobs_active_slot_is_one CHECK (active_slot = 1),
    CONSTRAINT jobs_active_while_running CHECK (
        (status = 'running' AND active_slot IS NOT NULL) OR (status <> 'running' AND active_slot IS NULL)),
    CONSTRAINT jobs_key_has_fingerprint CHECK (
        (idempotency_key IS NULL AND request_fingerprint IS NULL)
        OR (idempotency_key IS NOT NULL AND request_fingerprint IS NOT NULL))
);

CREATE INDEX jobs_created_at ON jobs (created_at_nanos);
CREATE INDEX jobs_finished_at ON jobs (finished_at_nanos);

CREATE TABLE job_steps (
    job_id            VARCHAR(64)   NOT NULL,
    ordinal           SMALLINT      NOT NULL,
    name              VARCHAR(16)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    exit_code         INTEGER,
    started_at_nanos  BIGINT,
    finished_at_nanos BIGINT,
    runner_id         VARCHAR(1024),
    CONSTRAINT job_steps_pk PRIMARY KEY (job_id, ordinal),
    CONSTRAINT job_steps_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
