package io.harbourpay.platform.merchants;

import java.time.Instant;

/**
 * What the request verifier needs of a key, held in memory: its secret (opened), its validity and
 * whether its merchant may use the API.
 */
public record KeyEntry(
    long keyId,
    long merchantId,
    byte[] secret,
    Instant expiresAt,
    Instant revokedAt,
    boolean merchantActive) {
  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "KeyEntry[" + keyId + " of merchant " + merchantId + "]";
  }
}
