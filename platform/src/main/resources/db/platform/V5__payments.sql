-- Customer-presented pay-code payments: the devices that make pay codes, the payments, the
-- (device, time step) of every charged code, and refunds. Same conventions as V1-V4: BIGINT ids,
-- epoch-microsecond timestamps, enumerations by name in lower case. Payment, refund and pay-code-use
-- rows are written by the ledger writer in the same transaction as the transfers (docs/payments.md).

-- A wallet device that makes pay codes. secret_sealed is the 32-byte HMAC key sealed with the
-- master key (AES-256-GCM, associated data "paycode-device:<id>"); offline_until ends its lease.
CREATE TABLE paycode_devices (
  id              BIGINT        NOT NULL PRIMARY KEY,   -- 8 digits, shown in the code
  customer_id     BIGINT        NOT NULL,
  secret_sealed   VARCHAR(200)  NOT NULL,
  offline_until   BIGINT        NOT NULL,
  created_at      BIGINT        NOT NULL,
  updated_at      BIGINT        NOT NULL
);
CREATE INDEX paycode_devices_customer ON paycode_devices (customer_id, created_at);

CREATE TABLE payments (
  id                   BIGINT        NOT NULL PRIMARY KEY,  -- derived from (merchant, reference)
  merchant_id          BIGINT        NOT NULL,
  merchant_reference   VARCHAR(64)   NOT NULL,
  customer_id          BIGINT        NOT NULL,
  store_id             BIGINT        NOT NULL,
  terminal_id          BIGINT        NOT NULL,
  currency             VARCHAR(3)    NOT NULL,
  amount               BIGINT        NOT NULL,
  fee                  BIGINT        NOT NULL,
  amount_refunded      BIGINT        NOT NULL,
  fee_refunded         BIGINT        NOT NULL,
  refunds_count        INTEGER       NOT NULL,
  status               VARCHAR(24)   NOT NULL,  -- requires_confirmation | succeeded | failed | canceled
  failure_code         VARCHAR(40),
  device_id            BIGINT        NOT NULL,
  time_step            BIGINT        NOT NULL,
  expires_at           BIGINT,                  -- confirmation deadline; null if captured at once
  created_at           BIGINT        NOT NULL,
  updated_at           BIGINT        NOT NULL,
  UNIQUE (merchant_id, merchant_reference)
);
CREATE INDEX payments_open ON payments (status, expires_at);
CREATE INDEX payments_customer ON payments (customer_id, created_at);

-- Single use of pay codes: the primary key makes a (device, time step) pay once, whichever till
-- and node charges it.
CREATE TABLE paycode_uses (
  device_id    BIGINT  NOT NULL,
  time_step    BIGINT  NOT NULL,
  payment_id   BIGINT  NOT NULL,
  used_at      BIGINT  NOT NULL,
  PRIMARY KEY (device_id, time_step)
);

-- Refunds. seq is the refund's place among the payment's refunds (1, 2, ...): the unique key
-- serialises refunds of one payment, so their sum and their fee shares are computed on what
-- really committed before them.
CREATE TABLE refunds (
  id                   BIGINT        NOT NULL PRIMARY KEY,
  payment_id           BIGINT        NOT NULL,
  merchant_id          BIGINT        NOT NULL,
  seq                  INTEGER       NOT NULL,
  amount               BIGINT        NOT NULL,
  fee_returned         BIGINT        NOT NULL,
  reason               VARCHAR(200),
  reference            VARCHAR(255),
  created_at           BIGINT        NOT NULL,
  UNIQUE (payment_id, seq)
);
