package io.harbourpay.qr.mpm;

/**
 * The character sets of the EMVCo specification and the length of a value as it counts it: in
 * characters (code points), never in UTF-16 units or in UTF-8 bytes.
 */
enum EmvText {
  /** Digits 0 to 9. */
  NUMERIC,
  /** The EMV common character set: printable ASCII from space to tilde. */
  ALPHANUMERIC_SPECIAL,
  /** Any Unicode character, carried as UTF-8. */
  ANY;

  boolean accepts(String value) {
    return switch (this) {
      case NUMERIC -> value.chars().allMatch(c -> c >= '0' && c <= '9');
      case ALPHANUMERIC_SPECIAL -> value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
      case ANY -> true;
    };
  }

  static int length(String value) {
    return value.codePointCount(0, value.length());
  }
}
