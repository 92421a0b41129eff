-- jobs.version was bumped by every update and never read: the update's own condition (status = 'running')
-- is the compare-and-set that makes a job end exactly once, and a job carries no version for a caller to
-- compare. Dropped rather than used (docs/architecture.md, "The job store's updates").
ALTER TABLE jobs DROP COLUMN version;
