-- Run ids are opaque identifiers: they compare byte by byte (collation "C"), in every table that holds
-- one. Comparisons are then plain memcmp, and the unique index on run_id also serves the console's
-- prefix search (LIKE 'abc%'), which under most database collations needed an index of its own. One
-- index fewer on workflow_runs means three index entries fewer per run (insert, claim, completion).
ALTER TABLE workflow_runs ALTER COLUMN run_id TYPE TEXT COLLATE "C";
ALTER TABLE workflow_runs ALTER COLUMN parent_run_id TYPE TEXT COLLATE "C";
ALTER TABLE workflow_steps ALTER COLUMN run_id TYPE TEXT COLLATE "C";
ALTER TABLE workflow_waits ALTER COLUMN run_id TYPE TEXT COLLATE "C";
ALTER TABLE workflow_logs ALTER COLUMN run_id TYPE TEXT COLLATE "C";
DROP INDEX workflow_runs_run_id_prefix;
