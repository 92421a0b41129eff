-- Why a skipped step did not run ("ingester exited with 1"), shown as the step's "reason" (docs/api.md).
-- NULL for every other step, and for steps skipped before this column existed. Our own short sentence, not
-- text a step wrote, so a plain VARCHAR holds it.
ALTER TABLE job_steps ADD COLUMN skip_reason VARCHAR(512);
