-- Merchants, their stores and terminals (tills), API credentials and the nonces of signed
-- requests. Same conventions as V1: BIGINT ids, epoch-microsecond BIGINT timestamps, enumerations
-- stored by name in lower case.

CREATE TABLE merchants (
  id                    BIGINT        NOT NULL PRIMARY KEY,
  legal_name            VARCHAR(200)  NOT NULL,
  mcc                   VARCHAR(4)    NOT NULL,  -- ISO 18245 merchant category code
  country               VARCHAR(2)    NOT NULL,  -- ISO 3166-1 alpha-2
  settlement_currency   VARCHAR(3)    NOT NULL,  -- HKD | CNY | MOP
  discount_rate_bps     INTEGER       NOT NULL,  -- merchant discount rate, 0..10000
  bank_code             VARCHAR(3)    NOT NULL,
  bank_account_number   VARCHAR(20)   NOT NULL,
  status                VARCHAR(16)   NOT NULL,  -- active | suspended
  created_at            BIGINT        NOT NULL,
  updated_at            BIGINT        NOT NULL
);
CREATE INDEX merchants_listing ON merchants (created_at, id);

CREATE TABLE stores (
  id           BIGINT        NOT NULL PRIMARY KEY,
  merchant_id  BIGINT        NOT NULL REFERENCES merchants (id),
  name_en      VARCHAR(100)  NOT NULL,
  name_zh      VARCHAR(50)   NOT NULL,
  address      VARCHAR(200)  NOT NULL,
  district     VARCHAR(50)   NOT NULL,
  created_at   BIGINT        NOT NULL
);
CREATE INDEX stores_merchant ON stores (merchant_id, created_at, id);

CREATE TABLE terminals (
  id           BIGINT        NOT NULL PRIMARY KEY,
  merchant_id  BIGINT        NOT NULL REFERENCES merchants (id),
  store_id     BIGINT        NOT NULL REFERENCES stores (id),
  label        VARCHAR(40)   NOT NULL,
  status       VARCHAR(16)   NOT NULL,           -- active | disabled
  created_at   BIGINT        NOT NULL
);
CREATE INDEX terminals_store ON terminals (store_id, created_at, id);

-- API credentials. The secret is needed to check an HMAC, so it cannot be hashed: it is stored
-- sealed with AES-256-GCM under the server's master key, the key id as associated data
-- (secret_sealed = v1:<base64 of nonce | ciphertext | tag>). expires_at is set by a rotation (the
-- overlap); revoked_at ends the key at once.
CREATE TABLE merchant_keys (
  id             BIGINT        NOT NULL PRIMARY KEY,
  merchant_id    BIGINT        NOT NULL REFERENCES merchants (id),
  secret_sealed  VARCHAR(200)  NOT NULL,
  created_at     BIGINT        NOT NULL,
  expires_at     BIGINT,
  revoked_at     BIGINT,
  updated_at     BIGINT        NOT NULL
);
CREATE INDEX merchant_keys_merchant ON merchant_keys (merchant_id, created_at, id);
CREATE INDEX merchant_keys_updated ON merchant_keys (updated_at);

-- Nonces of accepted signed requests: the primary key is what makes a nonce count once, on every
-- node. Rows older than twice the timestamp tolerance are purged (a request that old is refused
-- as stale before its nonce is looked at).
CREATE TABLE merchant_request_nonces (
  key_id   BIGINT       NOT NULL,
  nonce    VARCHAR(64)  NOT NULL,
  seen_at  BIGINT       NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX merchant_request_nonces_seen ON merchant_request_nonces (seen_at);
