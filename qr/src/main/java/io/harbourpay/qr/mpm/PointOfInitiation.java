package io.harbourpay.qr.mpm;

import java.util.Optional;

/** Data object 01: whether the code is shown once (dynamic) or printed for reuse (static). */
public enum PointOfInitiation {
  /** "11": a sticker on the counter; the payer enters the amount unless the code carries one. */
  STATIC("11"),
  /** "12": a till shows it for one payment, with amount and order reference. */
  DYNAMIC("12");

  private final String code;

  PointOfInitiation(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<PointOfInitiation> fromCode(String code) {
    for (PointOfInitiation value : values()) {
      if (value.code.equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
