package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Instant;

/** One shop of a merchant, named in English and Chinese as Hong Kong signs are. */
public record Store(
    long id,
    long merchantId,
    String nameEn,
    String nameZh,
    String address,
    String district,
    Instant createdAt) {
  public static final String ID_PREFIX = "str";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}
