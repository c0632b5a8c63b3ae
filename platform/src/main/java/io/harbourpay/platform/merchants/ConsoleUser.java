package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Instant;

/** A person who signs in to a merchant's console; never carries the password hash. */
public record ConsoleUser(
    long id,
    long merchantId,
    String email,
    String displayName,
    ConsoleRole role,
    String status,
    Instant lastLoginAt,
    Instant createdAt) {
  public static final String ID_PREFIX = "mu";
  public static final String ACTIVE = "active";
  public static final String DISABLED = "disabled";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String merchantPublicId() {
    return Ids.publicId(Merchant.ID_PREFIX, merchantId);
  }

  public boolean active() {
    return ACTIVE.equals(status);
  }
}
