-- Account rows become a checkpoint and the transfers the journal after it (docs/architecture.md,
-- "Accounts are a checkpoint"). covered_ts: the row holds every change of the account up to this
-- engine timestamp. ledger_checkpoint.covered_ts: every change of any account after it is in the
-- journal (transfers, and holds expired after it), so a restart replays from there.
ALTER TABLE ledger_accounts ADD COLUMN covered_ts BIGINT NOT NULL DEFAULT 0;

CREATE TABLE ledger_checkpoint (
  id          INTEGER NOT NULL PRIMARY KEY,
  covered_ts  BIGINT  NOT NULL
);

-- Until now every batch wrote the accounts it changed: existing rows are current.
INSERT INTO ledger_checkpoint (id, covered_ts)
SELECT 1, coalesce(max(latest), 0) FROM (
  SELECT max(ts) AS latest FROM ledger_transfers
  UNION ALL SELECT max(resolved_at) FROM ledger_holds
  UNION ALL SELECT max(ts) FROM ledger_accounts
) AS everything;

UPDATE ledger_accounts SET covered_ts = (SELECT covered_ts FROM ledger_checkpoint);

-- Expiries are the journal's only events without a transfer row: replay finds them here.
CREATE INDEX ledger_holds_expired ON ledger_holds (resolved_at) WHERE status = 3;
