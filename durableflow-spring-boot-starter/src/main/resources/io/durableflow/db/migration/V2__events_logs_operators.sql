-- Events, logs and operator controls.

-- Set by an event that completes one of the run's waits while the run is executing: the run's next
-- park then makes it due at once instead of waiting, so no event is lost between replays.
ALTER TABLE workflow_runs ADD COLUMN resume_requested BOOLEAN NOT NULL DEFAULT false;
-- who did what to the run by hand, oldest first: [{"action", "by", "reason", "at", "step"}]
ALTER TABLE workflow_runs ADD COLUMN operator_actions JSONB NOT NULL DEFAULT '[]'::jsonb;

-- A log line written outside any step is stored once, not once per replay: its key is its
-- position in the workflow's code path.
ALTER TABLE workflow_logs ADD COLUMN log_key TEXT;
ALTER TABLE workflow_logs ADD CONSTRAINT workflow_logs_run_key UNIQUE (run_id, log_key);

-- waits that can time out, for the timeline and operators
CREATE INDEX workflow_waits_by_run ON workflow_waits (run_id, id);
