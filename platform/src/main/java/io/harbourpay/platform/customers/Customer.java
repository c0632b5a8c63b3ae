package io.harbourpay.platform.customers;

import io.harbourpay.platform.Tier;
import java.time.Instant;

/** A wallet holder. {@code phone} is E.164; a locked customer can neither log in nor pay. */
public record Customer(
    long id, String phone, Tier tier, boolean locked, Instant createdAt, Instant updatedAt) {
  public String publicId() {
    return ref().publicId();
  }

  public CustomerRef ref() {
    return new CustomerRef(id, phone, tier, locked);
  }
}
