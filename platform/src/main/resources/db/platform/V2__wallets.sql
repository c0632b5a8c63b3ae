-- Wallets: what the customer sees of the ledger. Money itself lives only in ledger_accounts /
-- ledger_transfers; these rows describe it (who, what for, status) and are written by the
-- ledger writer in the same transaction as the transfers they describe.

-- A customer's bank account, linked for top-up and withdrawal.
CREATE TABLE bank_accounts (
  id              BIGINT       NOT NULL PRIMARY KEY,
  customer_id     BIGINT       NOT NULL,
  bank_code       VARCHAR(3)   NOT NULL,
  account_number  VARCHAR(34)  NOT NULL,
  holder_name     VARCHAR(100) NOT NULL,
  currency        VARCHAR(3)   NOT NULL,
  created_at      BIGINT       NOT NULL
);
CREATE INDEX bank_accounts_customer ON bank_accounts (customer_id);

-- Top-ups (bank -> wallet) and withdrawals (wallet -> bank): reserved in the ledger as holds,
-- sent to the bank, then posted or voided.
CREATE TABLE bank_transfers (
  id               BIGINT       NOT NULL PRIMARY KEY,
  customer_id      BIGINT       NOT NULL,
  direction        VARCHAR(10)  NOT NULL,   -- topup | withdrawal
  bank_account_id  BIGINT       NOT NULL,
  currency         VARCHAR(3)   NOT NULL,
  amount           BIGINT       NOT NULL,
  status           VARCHAR(12)  NOT NULL,   -- processing | succeeded | failed
  failure_code     VARCHAR(40),
  created_at       BIGINT       NOT NULL,
  updated_at       BIGINT       NOT NULL
);
CREATE INDEX bank_transfers_open ON bank_transfers (status, created_at);

-- Transfers between customers.
CREATE TABLE p2p_transfers (
  id                BIGINT       NOT NULL PRIMARY KEY,
  sender_id         BIGINT       NOT NULL,
  receiver_id       BIGINT       NOT NULL,
  currency          VARCHAR(3)   NOT NULL,
  amount            BIGINT       NOT NULL,
  memo              VARCHAR(140),
  created_at        BIGINT       NOT NULL
);

-- One line of a customer's history per money movement on one of their wallets.
CREATE TABLE wallet_entries (
  id                  BIGINT       NOT NULL PRIMARY KEY,
  customer_id         BIGINT       NOT NULL,
  currency            VARCHAR(3)   NOT NULL,
  type                VARCHAR(20)  NOT NULL,  -- topup | withdrawal | p2p_in | p2p_out | ...
  amount              BIGINT       NOT NULL,  -- signed: + into the wallet, - out of it
  fee                 BIGINT       NOT NULL,
  status              VARCHAR(12)  NOT NULL,  -- pending | succeeded | failed
  counterparty        VARCHAR(100),
  memo                VARCHAR(140),
  reference           VARCHAR(40)  NOT NULL,  -- public id of the business object
  settle_transfer_id  BIGINT,                 -- the ledger transfer that moved the posted balance
  created_at          BIGINT       NOT NULL,
  updated_at          BIGINT       NOT NULL
);
CREATE INDEX wallet_entries_history ON wallet_entries (customer_id, created_at, id);
CREATE INDEX wallet_entries_reference ON wallet_entries (reference);

-- Idempotency-Key replay: same key and same request -> the stored response; same key and a
-- different request -> a conflict. Scoped per caller.
CREATE TABLE idempotency_keys (
  scope         VARCHAR(40)  NOT NULL,
  idem_key      VARCHAR(255) NOT NULL,
  request_hash  VARCHAR(64)  NOT NULL,
  status_code   INTEGER      NOT NULL,
  response      TEXT         NOT NULL,
  created_at    BIGINT       NOT NULL,
  PRIMARY KEY (scope, idem_key)
);
