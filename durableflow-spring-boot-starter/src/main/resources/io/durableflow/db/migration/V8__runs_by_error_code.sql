-- The console's runs list filters by error code: an index over the runs that have an error (failed
-- and cancelled ones), newest first like the list, so that the filter has an index to use at millions
-- of runs. Runs without an error are not in it and cost it nothing.
CREATE INDEX workflow_runs_by_error_code ON workflow_runs ((error->>'code'), id DESC) WHERE error IS NOT NULL;
