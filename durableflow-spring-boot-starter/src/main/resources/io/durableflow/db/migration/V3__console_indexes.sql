-- The console's run-id prefix search (LIKE 'abc%') needs a pattern-ops index: the unique index on
-- run_id follows the database collation and cannot serve LIKE in most locales.
CREATE INDEX workflow_runs_run_id_prefix ON workflow_runs (run_id text_pattern_ops);
