-- The webhook outbox (docs/webhooks.md, "Delivery"): one row per event and endpoint, written in the same
-- transaction as the job change that caused it, so no event is lost when the server dies right after. The
-- body is rendered when the event happens and kept as UTF-8 bytes. next_attempt_nanos is NULL once the message
-- is settled (delivered, or given up). No foreign key to jobs: retries last about a day, longer than a job is
-- kept by default.

CREATE TABLE webhook_messages (
    event_id           VARCHAR(64)   NOT NULL,
    endpoint           VARCHAR(2048) NOT NULL,
    job_id             VARCHAR(64)   NOT NULL,
    event_type         VARCHAR(32)   NOT NULL,
    body_utf8          BYTEA         NOT NULL,
    created_at_nanos   BIGINT        NOT NULL,
    next_attempt_nanos BIGINT,
    CONSTRAINT webhook_messages_pk PRIMARY KEY (event_id, endpoint)
);

CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_nanos);
CREATE INDEX webhook_messages_job ON webhook_messages (job_id);

CREATE TABLE webhook_attempts (
    event_id    VARCHAR(64)   NOT NULL,
    endpoint    VARCHAR(2048) NOT NULL,
    number      INTEGER       NOT NULL,
    at_nanos    BIGINT        NOT NULL,
    status_code INTEGER,
    error       VARCHAR(1024),
    CONSTRAINT webhook_attempts_pk PRIMARY KEY (event_id, endpoint, number),
    CONSTRAINT webhook_attempts_message_fk FOREIGN KEY (event_id, endpoint)
        REFERENCES webhook_messages (event_id, endpoint) ON DELETE CASCADE
);
