package io.harbourpay.qr.cpm;

import java.util.HexFormat;

/** Upper-case hexadecimal, the way EMV documents write tags and binary values. */
final class Hex {
  private static final HexFormat FORMAT = HexFormat.of().withUpperCase();

  private Hex() {}

  static String of(byte[] data, int from, int to) {
    return FORMAT.formatHex(data, from, to);
  }

  static byte[] parse(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex needs an even number of digits: " + hex);
    }
    return FORMAT.parseHex(hex);
  }

  static boolean isHex(String text) {
    return text.chars()
        .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
  }
}
