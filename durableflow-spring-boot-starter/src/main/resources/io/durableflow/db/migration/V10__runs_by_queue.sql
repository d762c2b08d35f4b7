-- The console's runs list filters by queue: an index over the runs of the declared queues other than
-- default, newest first like the list, so that the filter has an index to use at millions of runs.
-- Most runs are in the default queue: they are not in it and cost it nothing, and filtering by default
-- is nearly the unfiltered list, which the primary key serves. The console's query names the
-- predicate (queue <> 'default') itself, so that the index serves it whatever queue is bound.
CREATE INDEX workflow_runs_by_queue ON workflow_runs (queue, id DESC) WHERE queue <> 'default';
