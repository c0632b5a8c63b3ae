package io.harbourpay.platform.customers;

import java.util.Locale;

/** Where an identity review stands. Stored in lower case. */
public enum KycStatus {
  PENDING,
  APPROVED,
  REJECTED;

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  static KycStatus ofColumn(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
