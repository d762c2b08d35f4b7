-- The input a step ran with, where the engine knows one: an action's input (a YAML task's
-- rendered input, a with_items item's) and a child run's input on the step that started it.
-- Written with the step's row; a later write without an input keeps it. Nullable: plain
-- steps (a lambda's captured values), sleeps and waits have none.
ALTER TABLE workflow_steps ADD COLUMN input jsonb;
