package io.harbourpay.qr.image;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** Lays out payloads as QR and Code 128 symbols. */
public final class Symbols {
  /** Printable ASCII: a payload outside it needs UTF-8 and the ECI that announces it. */
  private static final int ASCII_PRINTABLE_LAST = 0x7E;

  private Symbols() {}

  /**
   * The QR symbol of {@code payload}. A payload with any character outside ASCII is written as
   * UTF-8 bytes with ECI 000026, as EMVCo asks, so readers do not guess ISO-8859-1.
   *
   * @throws IllegalArgumentException if the payload does not fit a QR symbol at this level
   */
  public static Symbol qr(String payload, QrImageOptions options) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, options.errorCorrection().zxingLevel());
    hints.put(EncodeHintType.MARGIN, options.quietZoneModules());
    if (!payload.chars().allMatch(c -> c <= ASCII_PRINTABLE_LAST)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    BitMatrix modules;
    try {
      // Width and height 0: one pixel per module; scaling is ours, in whole pixels.
      modules = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException | IllegalArgumentException tooLong) {
      throw new IllegalArgumentException(
          "the payload does not fit a QR symbol at level " + options.errorCorrection(), tooLong);
    }
    int modulePixels = Math.max(1, options.sizePixels() / modules.getWidth());
    return new Symbol(modules, modulePixels, modulePixels);
  }

  /**
   * The Code 128 symbol of {@code text} (an 18-digit pay code becomes nine code set C symbols).
   *
   * @throws IllegalArgumentException if {@code text} has characters Code 128 cannot carry
   */
  public static Symbol code128(String text, BarcodeImageOptions options) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.MARGIN, options.quietZoneModules());
    BitMatrix modules;
    try {
      modules = new Code128Writer().encode(text, BarcodeFormat.CODE_128, 0, 1, hints);
    } catch (IllegalArgumentException unencodable) {
      throw new IllegalArgumentException("Code 128 cannot carry this text", unencodable);
    }
    int modulePixels = Math.max(1, options.widthPixels() / modules.getWidth());
    return new Symbol(modules, modulePixels, options.heightPixels());
  }
}
