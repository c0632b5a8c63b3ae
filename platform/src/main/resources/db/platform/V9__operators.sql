-- Operator accounts of the console, their sessions, and the indexes its screens read by.

-- roles: comma-separated role names (admin, compliance, support, merchant_ops, viewer).
-- password_hash: pbkdf2-sha256$<iterations>$<salt>$<hash>, as customers' PINs.
-- failed_logins counts wrong passwords since the last correct one; reaching the maximum sets
-- locked_until. Each attempt is counted before the password is compared.
CREATE TABLE operators (
  id              BIGINT        NOT NULL PRIMARY KEY,
  username        VARCHAR(40)   NOT NULL,
  display_name    VARCHAR(100)  NOT NULL,
  password_hash   VARCHAR(160)  NOT NULL,
  roles           VARCHAR(100)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,     -- active | disabled
  failed_logins   INTEGER       NOT NULL,
  locked_until    BIGINT,
  last_login_at   BIGINT,
  created_at      BIGINT        NOT NULL,
  updated_at      BIGINT        NOT NULL
);
CREATE UNIQUE INDEX operators_username ON operators (username);

-- Only the SHA-256 of a session token is stored; ending a session deletes its row.
CREATE TABLE operator_sessions (
  token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
  operator_id   BIGINT       NOT NULL REFERENCES operators (id),
  created_at    BIGINT       NOT NULL,
  last_seen_at  BIGINT       NOT NULL,
  expires_at    BIGINT       NOT NULL,
  client_ip     VARCHAR(64)
);
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id, last_seen_at);

-- The dashboard counts movements and payments by time.
CREATE INDEX wallet_entries_created ON wallet_entries (created_at);
CREATE INDEX payments_created ON payments (created_at);
CREATE INDEX refunds_created ON refunds (created_at);
-- The audit screen filters by actor.
CREATE INDEX audit_log_actor ON audit_log (actor, at, id);
