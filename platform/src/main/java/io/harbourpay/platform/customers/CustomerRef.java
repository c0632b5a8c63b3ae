package io.harbourpay.platform.customers;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;

/** What other features need to know about a customer. */
public record CustomerRef(long id, String phone, Tier tier, boolean locked) {
  public static final String ID_PREFIX = "cus";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}
