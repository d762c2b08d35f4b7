-- Queues: priority and concurrency keys on runs, the declared queues (their row is what a claim in a
-- limited queue locks, so that the limits hold across instances), and the claims of rate-limited
-- queues within their window. Adding the columns rewrites nothing (constant defaults).
ALTER TABLE workflow_runs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN concurrency_key TEXT COLLATE "C";

-- the claim in a queue: highest priority first, then longest due. PostgreSQL 17 has no skip scan, so
-- the claim visits each priority of the queue in turn (a few index probes) and reads due runs by
-- due time within it (docs/ENGINE.md, "Queues").
CREATE INDEX workflow_runs_claim ON workflow_runs (queue, priority DESC, next_due_at)
 WHERE status IN ('pending', 'running', 'sleeping', 'waiting');

-- the round robin over concurrency keys in queues with a per-key limit (runs without a key share one
-- turn); the default queue has no limits and no entries here
CREATE INDEX workflow_runs_claim_by_key ON workflow_runs (queue, concurrency_key, priority DESC, next_due_at)
 WHERE queue <> 'default' AND status IN ('pending', 'running', 'sleeping', 'waiting');

-- the slots a declared queue's runs hold (and those whose lease expired, to take over); the default
-- queue has no limits and no entries here
CREATE INDEX workflow_runs_running_by_queue ON workflow_runs (queue, concurrency_key)
 WHERE status = 'running' AND queue <> 'default';

CREATE TABLE workflow_queues (
    name                TEXT COLLATE "C" PRIMARY KEY,
    concurrency         INTEGER,
    worker_concurrency  INTEGER,
    rate_limit          INTEGER,
    rate_period_ms      BIGINT,
    concurrency_per_key INTEGER,
    -- the round robin over keys goes on after this key
    next_key_after      TEXT COLLATE "C",
    declared_by         TEXT,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- each claim in a rate-limited queue within the window (older ones are removed by the next claim)
CREATE TABLE workflow_queue_claims (
    queue      TEXT COLLATE "C" NOT NULL REFERENCES workflow_queues (name) ON DELETE CASCADE,
    claimed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX workflow_queue_claims_window ON workflow_queue_claims (queue, claimed_at);
