-- Customers, one-time codes, rate limits, sessions, payment PINs, identity reviews and the
-- operator audit log. One schema for SQLite and PostgreSQL: BIGINT ids, epoch-microsecond
-- BIGINT timestamps, VARCHAR text. Enumerations are stored by name.

CREATE TABLE customers (
  id          BIGINT       NOT NULL PRIMARY KEY,
  phone       VARCHAR(16)  NOT NULL,          -- E.164, e.g. +85291234567
  tier        VARCHAR(16)  NOT NULL,          -- Tier name
  status      VARCHAR(16)  NOT NULL,          -- active | locked
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX customers_phone ON customers (phone);

-- At most one live code per phone: a new request overwrites the row, which is what makes older
-- codes unusable. code_hash is HMAC-SHA256(server secret, phone + code), hex.
CREATE TABLE otp_codes (
  phone       VARCHAR(16)  NOT NULL PRIMARY KEY,
  code_hash   VARCHAR(64)  NOT NULL,
  issued_at   BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  attempts    INTEGER      NOT NULL,          -- verification attempts claimed on this code
  used_at     BIGINT                          -- set when verified, or withdrawn after a failed send
);

-- Sliding-window rate limits. A request first upserts its bucket row (a row lock on
-- PostgreSQL, the write lock on SQLite) so concurrent requests for one bucket count in turn,
-- then counts its hits inside the windows.
CREATE TABLE rate_limit_buckets (
  bucket      VARCHAR(80)  NOT NULL PRIMARY KEY,  -- phone:+852… or ip:203.0.113.7
  touched_at  BIGINT       NOT NULL
);
CREATE TABLE rate_limit_hits (
  bucket      VARCHAR(80)  NOT NULL,
  at          BIGINT       NOT NULL
);
CREATE INDEX rate_limit_hits_bucket_at ON rate_limit_hits (bucket, at);

-- Only the SHA-256 of a session token is stored; revoking a session deletes its row.
CREATE TABLE sessions (
  token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
  customer_id   BIGINT       NOT NULL REFERENCES customers (id),
  created_at    BIGINT       NOT NULL,
  last_seen_at  BIGINT       NOT NULL,          -- written at most once a minute
  expires_at    BIGINT       NOT NULL,          -- absolute expiry
  client_ip     VARCHAR(64)
);
CREATE INDEX sessions_customer ON sessions (customer_id, last_seen_at);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- pin_hash is pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>.
CREATE TABLE customer_pins (
  customer_id      BIGINT       NOT NULL PRIMARY KEY REFERENCES customers (id),
  pin_hash         VARCHAR(160) NOT NULL,
  failed_attempts  INTEGER      NOT NULL,      -- attempts since the last correct PIN
  locked_until     BIGINT,                     -- set by the attempt that reaches the maximum
  updated_at       BIGINT       NOT NULL
);

CREATE TABLE kyc_reviews (
  id               BIGINT        NOT NULL PRIMARY KEY,
  customer_id      BIGINT        NOT NULL REFERENCES customers (id),
  status           VARCHAR(16)   NOT NULL,     -- pending | approved | rejected
  document_type    VARCHAR(16)   NOT NULL,
  document_number  VARCHAR(32)   NOT NULL,     -- normalized; returned masked
  full_name        VARCHAR(100)  NOT NULL,
  date_of_birth    VARCHAR(10)   NOT NULL,     -- ISO yyyy-mm-dd
  requested_tier   VARCHAR(16)   NOT NULL,
  tier_before      VARCHAR(16)   NOT NULL,
  submitted_at     BIGINT        NOT NULL,
  decided_at       BIGINT,
  decided_by       VARCHAR(100),
  decision_note    VARCHAR(500)
);
-- The operator's queue, oldest first, and the rule "one pending review per customer".
CREATE INDEX kyc_reviews_queue ON kyc_reviews (status, submitted_at, id);
CREATE UNIQUE INDEX kyc_reviews_one_pending ON kyc_reviews (customer_id) WHERE status = 'pending';
CREATE INDEX kyc_reviews_document ON kyc_reviews (document_type, document_number);

-- Every operator action, written in the same transaction as the action itself.
CREATE TABLE audit_log (
  id      BIGINT         NOT NULL PRIMARY KEY,
  at      BIGINT         NOT NULL,
  actor   VARCHAR(100)   NOT NULL,
  action  VARCHAR(64)    NOT NULL,             -- customer.lock, kyc.approve, …
  target  VARCHAR(64)    NOT NULL,             -- a public id: cus_…, kyc_…
  detail  VARCHAR(1000)
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_target ON audit_log (target, at, id);
