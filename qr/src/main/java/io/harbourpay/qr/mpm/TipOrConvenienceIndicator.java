package io.harbourpay.qr.mpm;

import java.util.Optional;

/** Data object 55: whether the payer is asked for a tip or charged a convenience fee. */
public enum TipOrConvenienceIndicator {
  /** "01": the payer's app prompts for a tip. */
  PROMPT_FOR_TIP("01"),
  /** "02": a fixed convenience fee, in data object 56, is added. */
  FIXED_FEE("02"),
  /** "03": a percentage convenience fee, in data object 57, is added. */
  PERCENTAGE_FEE("03");

  private final String code;

  TipOrConvenienceIndicator(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<TipOrConvenienceIndicator> fromCode(String code) {
    for (TipOrConvenienceIndicator value : values()) {
      if (value.code.equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
