-- Webhooks: an outbox of events, the merchants' endpoints, and one delivery per event and
-- endpoint and attempt series, with a log of every attempt. Keyed by merchant_id without a
-- foreign key: merchants live in their own feature's tables.

-- The outbox. A payment's event row is written by the ledger writer in the same transaction as
-- the payment's transfers (an attached record); events that move no money (order.expired) in an
-- ordinary transaction. body is the exact JSON that is signed and sent, fixed at write time.
CREATE TABLE webhook_events (
  id           BIGINT       NOT NULL PRIMARY KEY,
  merchant_id  BIGINT       NOT NULL,
  type         VARCHAR(40)  NOT NULL,
  body         TEXT         NOT NULL,
  created_at   BIGINT       NOT NULL,
  fanned_out   INTEGER      NOT NULL DEFAULT 0  -- 1 once its deliveries exist
);
CREATE INDEX webhook_events_fan_out ON webhook_events (fanned_out, created_at);
CREATE INDEX webhook_events_merchant ON webhook_events (merchant_id, created_at);

-- Where a merchant wants events. secret_sealed is the signing secret encrypted (AES-GCM) with
-- the platform's webhook key; the plain secret is shown once, at registration.
CREATE TABLE webhook_endpoints (
  id             BIGINT        NOT NULL PRIMARY KEY,
  merchant_id    BIGINT        NOT NULL,
  url            VARCHAR(2048) NOT NULL,
  secret_sealed  VARCHAR(200)  NOT NULL,
  event_types    VARCHAR(200)  NOT NULL,  -- comma-separated event types, or * for all
  enabled        INTEGER       NOT NULL,
  created_at     BIGINT        NOT NULL,
  updated_at     BIGINT        NOT NULL
);
CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id);

-- One event to one endpoint, in attempt series `series` (1, then one more per redelivery).
-- A dispatcher claims a due row by setting lease_until/lease_token in a conditional UPDATE; only
-- the holder of the token may record the attempt's outcome.
CREATE TABLE webhook_deliveries (
  id               BIGINT       NOT NULL PRIMARY KEY,
  event_id         BIGINT       NOT NULL,
  endpoint_id      BIGINT       NOT NULL,
  series           INTEGER      NOT NULL,
  status           VARCHAR(10)  NOT NULL,  -- pending | succeeded | failed
  attempts         INTEGER      NOT NULL,
  next_attempt_at  BIGINT       NOT NULL,
  lease_until      BIGINT       NOT NULL,  -- 0 when not leased
  lease_token      BIGINT       NOT NULL,
  created_at       BIGINT       NOT NULL,
  updated_at       BIGINT       NOT NULL,
  UNIQUE (event_id, endpoint_id, series)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- The delivery log: one row per attempt.
CREATE TABLE webhook_attempts (
  id                 BIGINT        NOT NULL PRIMARY KEY,
  delivery_id        BIGINT        NOT NULL,
  event_id           BIGINT        NOT NULL,
  attempt            INTEGER       NOT NULL,
  attempted_at       BIGINT        NOT NULL,
  duration_ms        BIGINT        NOT NULL,
  status_code        INTEGER,                -- null when no HTTP answer came
  error              VARCHAR(200),
  response_excerpt   VARCHAR(1024)
);
CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, attempted_at);
