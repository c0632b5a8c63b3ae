-- The ledger's tables. One schema for SQLite and PostgreSQL: BIGINT ids and minor units,
-- epoch-microsecond timestamps. ${timestamp_column} is "INTEGER PRIMARY KEY" on SQLite (the
-- engine's strictly increasing timestamp becomes the rowid: transfers are appended in key order at
-- no index cost) and a plain BIGINT on PostgreSQL, where a key on it would be one more index to
-- update per transfer with nothing reading it (history goes through the account indexes).

CREATE TABLE ledger_accounts (
  id               BIGINT      NOT NULL PRIMARY KEY,
  currency         VARCHAR(3)  NOT NULL,
  code             INTEGER     NOT NULL,
  flags            INTEGER     NOT NULL,
  user_data        BIGINT      NOT NULL,
  debits_pending   BIGINT      NOT NULL,
  debits_posted    BIGINT      NOT NULL,
  credits_pending  BIGINT      NOT NULL,
  credits_posted   BIGINT      NOT NULL,
  ts               BIGINT      NOT NULL
);

CREATE TABLE ledger_transfers (
  ts                 ${timestamp_column} NOT NULL,
  id                 BIGINT      NOT NULL,
  debit_account_id   BIGINT      NOT NULL,
  credit_account_id  BIGINT      NOT NULL,
  amount             BIGINT      NOT NULL,
  pending_id         BIGINT      NOT NULL,
  user_data          BIGINT      NOT NULL,
  timeout_seconds    INTEGER     NOT NULL,
  currency           VARCHAR(3)  NOT NULL,
  code               INTEGER     NOT NULL,
  flags              INTEGER     NOT NULL,
  -- Posted balance (credits - debits) of each account right after this transfer: a statement
  -- line's "balance after" without summing the account's history.
  debit_balance_after   BIGINT   NOT NULL,
  credit_balance_after  BIGINT   NOT NULL
);

-- Idempotency is forever: a transfer id exists once.
CREATE UNIQUE INDEX ledger_transfers_id ON ledger_transfers (id);
-- Account history in both directions, one index range per side.
CREATE INDEX ledger_transfers_debit ON ledger_transfers (debit_account_id, ts);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (credit_account_id, ts);

-- The lifecycle of each pending transfer: 0 open, 1 posted, 2 voided, 3 expired.
CREATE TABLE ledger_holds (
  pending_id   BIGINT   NOT NULL PRIMARY KEY,
  expires_at   BIGINT   NOT NULL,
  status       SMALLINT NOT NULL,
  resolved_at  BIGINT   NOT NULL
);

-- Recovery loads open holds only.
CREATE INDEX ledger_holds_open ON ledger_holds (pending_id) WHERE status = 0;
