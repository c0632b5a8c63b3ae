-- Existing history as one-entry chunks, up to what each account's row (or the checkpoint)
-- covers: transfers after that are journal, added by the account's next write-back.
INSERT INTO ledger_history (account_id, first_ts, last_ts, entries)
SELECT a.id, t.ts, t.ts, unhex(printf('%016X', t.ts))
FROM ledger_transfers t
JOIN ledger_accounts a ON a.id = t.debit_account_id
CROSS JOIN ledger_checkpoint c
WHERE t.ts <= max(a.covered_ts, c.covered_ts)
UNION ALL
SELECT a.id, t.ts, t.ts, unhex(printf('%016X', t.ts))
FROM ledger_transfers t
JOIN ledger_accounts a ON a.id = t.credit_account_id
CROSS JOIN ledger_checkpoint c
WHERE t.ts <= max(a.covered_ts, c.covered_ts);
