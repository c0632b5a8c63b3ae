-- Tier limits as versioned configuration, and the funding steps that bring each allowance account
-- (daily, yearly, balance-cap headroom) to the limit of its customer's tier and the current version.

-- One row per version of the limits: who changed them, when (epoch microseconds) and why. A change
-- is a new version; versions are never updated or deleted. Version 1 is seeded at the first start
-- from the configuration the platform was started with (LimitsConfig).
CREATE TABLE limits_versions (
  version     BIGINT        NOT NULL PRIMARY KEY,
  created_at  BIGINT        NOT NULL,
  actor       VARCHAR(100)  NOT NULL,
  reason      VARCHAR(500)  NOT NULL
);

-- A version's limits: one row per currency and tier, amounts in minor units of the currency.
CREATE TABLE limits_values (
  version             BIGINT       NOT NULL REFERENCES limits_versions (version),
  currency            VARCHAR(3)   NOT NULL,
  tier                VARCHAR(16)  NOT NULL,
  per_payment_minor   BIGINT       NOT NULL,
  daily_minor         BIGINT       NOT NULL,
  yearly_minor        BIGINT       NOT NULL,
  balance_cap_minor   BIGINT       NOT NULL,
  PRIMARY KEY (version, currency, tier)
);

-- Funding steps of an allowance account, written by the ledger in the same transaction as the
-- step's transfer (an attached record). Step n's transfer id is derived from (account, n), so two
-- processes that both read step n-1 and both try step n collide in the ledger, and only one moves
-- money. change_minor > 0 funds from the limit source (exactly that amount); < 0 drains back to it
-- with the ledger's balancing flag (at most that amount: what is still available). What was
-- funded after a step is target_minor for a funding step, and funded_before_minor minus the
-- transfer's amount for a drain.
CREATE TABLE allowance_funding (
  account_id           BIGINT       NOT NULL,
  step                 INTEGER      NOT NULL,
  transfer_id          BIGINT       NOT NULL,
  funded_before_minor  BIGINT       NOT NULL,
  change_minor         BIGINT       NOT NULL,
  target_minor         BIGINT       NOT NULL,
  limits_version       BIGINT       NOT NULL,
  tier                 VARCHAR(16)  NOT NULL,
  created_at           BIGINT       NOT NULL,
  PRIMARY KEY (account_id, step)
);
