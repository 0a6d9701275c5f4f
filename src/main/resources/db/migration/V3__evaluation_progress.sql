-- Trustwatch schema, version 3: a running evaluation records its progress after every chunk.
-- An evaluation still RUNNING with no progress for trustwatch.evaluation.abandon-after was left by a
-- process that died; it is marked FAILED so the dispatcher delivers what its recorded chunks decided
-- (their actions are recorded, so no later evaluation would record them again).
ALTER TABLE evaluation ADD COLUMN progress_at TIMESTAMP(6);
