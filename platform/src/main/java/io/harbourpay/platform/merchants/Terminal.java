package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Instant;
import java.util.Locale;

/** A till in a store. */
public record Terminal(
    long id, long merchantId, long storeId, String label, Status status, Instant createdAt) {
  public static final String ID_PREFIX = "trm";

  public enum Status {
    ACTIVE,
    DISABLED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}
