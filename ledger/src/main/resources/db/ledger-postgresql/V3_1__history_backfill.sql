-- Existing history as one-entry chunks, up to what each account's row (or the checkpoint)
-- covers: transfers after that are journal, added by the account's next write-back.
INSERT INTO ledger_history (account_id, first_ts, last_ts, entries)
SELECT a.id, t.ts, t.ts, int8send(t.ts)
FROM ledger_transfers t
JOIN ledger_accounts a ON a.id = t.debit_account_id
CROSS JOIN ledger_checkpoint c
WHERE t.ts <= greatest(a.covered_ts, c.covered_ts)
UNION ALL
SELECT a.id, t.ts, t.ts, int8send(t.ts)
FROM ledger_transfers t
JOIN ledger_accounts a ON a.id = t.credit_account_id
CROSS JOIN ledger_checkpoint c
WHERE t.ts <= greatest(a.covered_ts, c.covered_ts);

-- The journal is read by timestamp: the tail after the checkpoint (restart, lookups, history) and
-- transfers named by history chunks. Timestamps only grow, so every insert lands on the rightmost
-- leaf: a cheap index, unlike the two per-account ones it replaces. (On SQLite ts is the rowid.)
CREATE UNIQUE INDEX ledger_transfers_ts ON ledger_transfers (ts);
