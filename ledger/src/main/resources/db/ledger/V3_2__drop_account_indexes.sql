-- History now comes from ledger_history and the journal: the per-transfer account indexes go.
DROP INDEX ledger_transfers_debit;
DROP INDEX ledger_transfers_credit;
