-- Merchant-presented dynamic QR orders (docs/payments.md, "Dynamic QR orders"). Same conventions
-- as V1-V5. An order is paid by at most one payment and ends at most once: order_outcomes' primary
-- key lets exactly one of "paid" (written by the ledger writer with the money) and "expired"
-- (written by the sweep) win, whichever customer, node or sweep gets there first.
CREATE TABLE orders (
  id                   BIGINT        NOT NULL PRIMARY KEY,  -- derived from (merchant, reference)
  merchant_id          BIGINT        NOT NULL,
  merchant_reference   VARCHAR(64)   NOT NULL,
  store_id             BIGINT        NOT NULL,
  terminal_id          BIGINT        NOT NULL,
  currency             VARCHAR(3)    NOT NULL,
  amount               BIGINT        NOT NULL,
  payload              VARCHAR(512)  NOT NULL,   -- the EMVCo MPM payload the till shows
  status               VARCHAR(16)   NOT NULL,   -- open | paid | expired | cancelled
  payment_id           BIGINT,
  expires_at           BIGINT        NOT NULL,
  created_at           BIGINT        NOT NULL,
  updated_at           BIGINT        NOT NULL,
  UNIQUE (merchant_id, merchant_reference)
);
CREATE INDEX orders_open ON orders (status, expires_at);

CREATE TABLE order_outcomes (
  order_id     BIGINT        NOT NULL PRIMARY KEY,
  outcome      VARCHAR(16)   NOT NULL,   -- paid | expired | cancelled
  payment_id   BIGINT,
  decided_at   BIGINT        NOT NULL
);

-- The order a payment paid (null for pay-code payments).
ALTER TABLE payments ADD COLUMN order_id BIGINT;
