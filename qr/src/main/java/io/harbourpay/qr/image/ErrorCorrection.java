package io.harbourpay.qr.image;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR error correction: how much of the symbol may be lost or dirty and still scan. */
public enum ErrorCorrection {
  /** About 7 %: the densest symbol; for screens. */
  L(ErrorCorrectionLevel.L),
  /** About 15 %: the usual choice, and the default. */
  M(ErrorCorrectionLevel.M),
  /** About 25 %: printed stickers that get scuffed. */
  Q(ErrorCorrectionLevel.Q),
  /** About 30 %: stickers in harsh places, or with a logo over the middle. */
  H(ErrorCorrectionLevel.H);

  private final ErrorCorrectionLevel level;

  ErrorCorrection(ErrorCorrectionLevel level) {
    this.level = level;
  }

  ErrorCorrectionLevel zxingLevel() {
    return level;
  }
}
