package io.harbourpay.qr.mpm;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * CRC-16/CCITT-FALSE as EMVCo MPM uses it: polynomial 0x1021, initial value 0xFFFF, no reflection,
 * no final XOR, over the UTF-8 bytes of the payload up to and including "6304".
 */
public final class Crc16 {
  private static final int POLYNOMIAL = 0x1021;
  private static final int INITIAL = 0xFFFF;

  private Crc16() {}

  public static int of(byte[] data) {
    int crc = INITIAL;
    for (byte value : data) {
      crc ^= (value & 0xFF) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }

  /** The CRC of {@code text} as the four upper-case hexadecimal digits that ID 63 carries. */
  public static String hexOf(CharSequence text) {
    int crc = of(text.toString().getBytes(StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%04X", crc);
  }
}
