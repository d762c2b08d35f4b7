-- A run's name (a title for people) and metadata (string pairs for finding runs, customer=acme),
-- both given at start and never changed. NULL when the start gave none, so existing rows are left
-- as they are (adding a column without a default rewrites nothing).
ALTER TABLE workflow_runs ADD COLUMN name text, ADD COLUMN metadata jsonb;

-- The runs list's metadata filter is containment (metadata @> '{"customer":"acme"}'), which a GIN
-- index with jsonb_path_ops serves: one entry per key/value pair, smaller than the default
-- jsonb_ops and made for @>. Runs without metadata are not in it and cost it nothing (PostgreSQL
-- proves metadata IS NOT NULL from the strict @>, so the partial index serves the filter).
CREATE INDEX workflow_runs_by_metadata ON workflow_runs USING gin (metadata jsonb_path_ops)
 WHERE metadata IS NOT NULL;
