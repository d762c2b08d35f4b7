-- A run that some waitForWorkflow waits for is marked "awaited" by the waiter, under the run's row
-- lock. The statement that finishes a run reads the mark from the row it locked (the latest version,
-- whatever its snapshot), so it knows to resume the waiters even when their wait committed while it
-- was waiting for that lock. The mark is cleared once the waiters have been told; the partial index
-- lets a sweeper find finished runs whose waiters were not told yet (a crash in between).
ALTER TABLE workflow_runs ADD COLUMN awaited BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX workflow_runs_awaited ON workflow_runs (run_id) WHERE awaited;
-- runs waited for before this migration are marked now, so their waiters are told when they finish
UPDATE workflow_runs r SET awaited = true
FROM workflow_waits w
WHERE w.event_name = 'durableflow.workflow_finished' AND w.status = 'pending' AND r.run_id = w.match->>'run_id'
  AND r.status IN ('pending', 'running', 'sleeping', 'waiting');
