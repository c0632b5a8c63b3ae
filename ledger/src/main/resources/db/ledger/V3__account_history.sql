-- Account history is written with the checkpoint instead of indexed per transfer
-- (docs/architecture.md, "History is written with the checkpoint"). Each row is a chunk of one
-- account's history: the timestamps of its transfers between two write-backs of its row
-- (entries: 8 bytes each, big-endian, ascending; at most 256). An account's stored history holds
-- every transfer of the account up to the greater of its row's covered_ts and the checkpoint; the
-- transfers after that are in the journal.
CREATE TABLE ledger_history (
  account_id  BIGINT  NOT NULL,
  first_ts    BIGINT  NOT NULL,
  last_ts     BIGINT  NOT NULL,
  entries     ${blob_column} NOT NULL,
  PRIMARY KEY (account_id, first_ts)
);
