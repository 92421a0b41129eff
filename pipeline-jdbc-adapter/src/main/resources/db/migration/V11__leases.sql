-- Leases, for several replicas on one store (docs/operations.md, "Replicas").
-- A running job is executed by the replica named in lease_holder until lease_expires_nanos (epoch nanoseconds of
-- the holder's clock); it renews the lease by a heartbeat, and once it ran out any replica may claim it with one
-- conditional UPDATE (the database decides which of racing claimants wins) and adopt the job. An update of a
-- running job written by a replica that lost the lease is refused (the store adds "lease_holder IS NULL OR
-- lease_holder = <its replica id>" to the update), so a replica cut off from the database never writes over the
-- adopter's result. cancel_requested is a cancel that reached another replica, left for the holder's heartbeat.
ALTER TABLE jobs ADD COLUMN lease_holder VARCHAR(128);
ALTER TABLE jobs ADD COLUMN lease_expires_nanos BIGINT;
ALTER TABLE jobs ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;

-- The turn of a background task (housekeeping, webhook sending) that only one replica at a time may run.
CREATE TABLE task_leases (
    task          VARCHAR(64)  NOT NULL,
    holder        VARCHAR(128) NOT NULL,
    expires_nanos BIGINT       NOT NULL,
    CONSTRAINT task_leases_pk PRIMARY KEY (task)
);
