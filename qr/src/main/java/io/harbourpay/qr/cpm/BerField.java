package io.harbourpay.qr.cpm;

import java.util.Locale;
import java.util.Objects;

/**
 * A BER-TLV data object the model does not name, kept byte for byte so the acquirer gets what the
 * wallet sent (cryptogram data in a transparent template, a scheme's proprietary tag).
 *
 * @param tag the tag in upper-case hex, e.g. "9F26"
 * @param valueHex the value in upper-case hex
 */
public record BerField(String tag, String valueHex) {
  public BerField {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(valueHex, "valueHex");
    tag = tag.toUpperCase(Locale.ROOT);
    valueHex = valueHex.toUpperCase(Locale.ROOT);
    if (!BerTlv.isValidTag(tag)) {
      throw new IllegalArgumentException("not a BER-TLV tag: " + tag);
    }
    if (valueHex.length() % 2 != 0 || !Hex.isHex(valueHex)) {
      throw new IllegalArgumentException("value must be hex bytes: " + valueHex);
    }
  }
}
