-- One row the health check really writes to, so a read-only or broken store is noticed before a job needs it.
CREATE TABLE store_heartbeat (
    id   INTEGER PRIMARY KEY,
    beat BIGINT  NOT NULL
);
INSERT INTO store_heartbeat (id, beat) VALUES (1, 0);
