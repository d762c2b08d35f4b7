-- A start may carry a dedup key: at most one unfinished run per (workflow, dedup key). The database
-- holds the rule, so racing starts on any number of instances make one run; the key is free again
-- once that run finishes. Adding the column rewrites nothing; the index covers only unfinished runs
-- that have a key (none before this migration).
ALTER TABLE workflow_runs ADD COLUMN dedup_key TEXT;
CREATE UNIQUE INDEX workflow_runs_one_unfinished_per_dedup_key ON workflow_runs (workflow_name, dedup_key)
 WHERE dedup_key IS NOT NULL AND status IN ('pending', 'running', 'sleeping', 'waiting');
