package io.harbourpay.platform.merchants;

import java.time.Instant;

/** Remembers the nonces of accepted requests, so each is accepted once. */
public interface NonceStore {
  /** Records the nonce for the key; false when it was recorded before (a replay). */
  boolean claim(long keyId, String nonce, Instant at);
}
