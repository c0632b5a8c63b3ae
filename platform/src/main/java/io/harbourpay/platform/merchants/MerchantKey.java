package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Instant;

/**
 * An API credential of a merchant, without its secret. A key is valid until it is revoked or, after
 * a rotation, until {@code expiresAt}.
 */
public record MerchantKey(
    long id, long merchantId, Instant createdAt, Instant expiresAt, Instant revokedAt) {
  public static final String ID_PREFIX = "mk";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String merchantPublicId() {
    return Ids.publicId(Merchant.ID_PREFIX, merchantId);
  }

  /** active, expiring (rotated, still in its overlap), expired or revoked. */
  public String status(Instant now) {
    if (revokedAt != null) return "revoked";
    if (expiresAt == null) return "active";
    return now.isBefore(expiresAt) ? "expiring" : "expired";
  }

  public boolean validAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
