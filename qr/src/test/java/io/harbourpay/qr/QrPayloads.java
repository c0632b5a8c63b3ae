package io.harbourpay.qr;

import io.harbourpay.qr.cpm.CpmDecoder;
import io.harbourpay.qr.mpm.MpmDecoder;

/** Test helper: decodes either mode the way a till does, by the text's first characters. */
public final class QrPayloads {
  private QrPayloads() {}

  public static Decoded<?> decode(String text, DecodeMode mode) throws QrFormatException {
    return CpmDecoder.looksLikeCpm(text)
        ? CpmDecoder.decode(text, mode)
        : MpmDecoder.decode(text, mode);
  }
}
