-- Cursor steps (flow.iterate): a loop whose position is recorded on its step row, in the result
-- column, at every advance; the step is 'running' until the loop ends.
ALTER TABLE workflow_steps DROP CONSTRAINT workflow_steps_kind_check;
ALTER TABLE workflow_steps ADD CONSTRAINT workflow_steps_kind_check
    CHECK (kind IN ('step', 'sleep', 'wait', 'child', 'wait_workflow', 'cursor'));
