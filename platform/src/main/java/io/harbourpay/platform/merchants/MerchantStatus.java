package io.harbourpay.platform.merchants;

import java.util.Locale;

/** A suspended merchant keeps its data but its API keys are refused. */
public enum MerchantStatus {
  ACTIVE,
  SUSPENDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MerchantStatus ofWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
