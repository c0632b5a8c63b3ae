-- Merchant console users (people, not API keys) and their sessions. Same conventions as V1 and
-- V3: BIGINT ids, epoch-microsecond BIGINT timestamps, enumerations stored by name in lower case.

-- A person who signs in to the merchant console. The email is stored lower-case and is unique
-- across merchants (it is the login name). The password is a PBKDF2 hash as customers' PINs are
-- (pbkdf2-sha256$<iterations>$<salt>$<hash>). failed_logins counts wrong passwords in a row;
-- reaching the limit sets locked_until.
CREATE TABLE merchant_users (
  id              BIGINT        NOT NULL PRIMARY KEY,
  merchant_id     BIGINT        NOT NULL REFERENCES merchants (id),
  email           VARCHAR(254)  NOT NULL UNIQUE,
  display_name    VARCHAR(100)  NOT NULL,
  password_hash   VARCHAR(200)  NOT NULL,
  role            VARCHAR(16)   NOT NULL,  -- owner | manager | cashier
  status          VARCHAR(16)   NOT NULL,  -- active | disabled
  failed_logins   INTEGER       NOT NULL,
  locked_until    BIGINT,
  last_login_at   BIGINT,
  created_at      BIGINT        NOT NULL,
  updated_at      BIGINT        NOT NULL
);
CREATE INDEX merchant_users_merchant ON merchant_users (merchant_id, created_at, id);

-- Console sessions: the same columns and rules as customers' sessions (V1; code in
-- crypto.SessionTable): only the SHA-256 of the bearer token is kept.
CREATE TABLE merchant_console_sessions (
  token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
  user_id       BIGINT       NOT NULL REFERENCES merchant_users (id),
  created_at    BIGINT       NOT NULL,
  last_seen_at  BIGINT       NOT NULL,          -- written at most once a minute
  expires_at    BIGINT       NOT NULL,          -- absolute expiry
  client_ip     VARCHAR(64)
);
CREATE INDEX merchant_console_sessions_user ON merchant_console_sessions (user_id, last_seen_at);
CREATE INDEX merchant_console_sessions_expires ON merchant_console_sessions (expires_at);

-- The console's payment list: newest first per merchant, with a store filter.
CREATE INDEX payments_merchant_created ON payments (merchant_id, created_at, id);
