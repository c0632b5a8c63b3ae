package io.harbourpay.qr.image;

import java.util.Objects;

/**
 * How a QR symbol is drawn.
 *
 * @param sizePixels the image's width and height at most; each module gets a whole number of pixels
 *     so edges stay sharp, so the image may be a little smaller
 * @param errorCorrection the error correction level
 * @param quietZoneModules the white margin, in modules; the QR standard asks for 4
 */
public record QrImageOptions(
    int sizePixels, ErrorCorrection errorCorrection, int quietZoneModules) {
  public static final int SIZE_PIXELS_MIN = 21;
  public static final int SIZE_PIXELS_MAX = 4096;
  public static final int QUIET_ZONE_MODULES_MAX = 16;
  public static final int QUIET_ZONE_MODULES_STANDARD = 4;

  public static final QrImageOptions DEFAULT =
      new QrImageOptions(512, ErrorCorrection.M, QUIET_ZONE_MODULES_STANDARD);

  public QrImageOptions {
    Objects.requireNonNull(errorCorrection, "errorCorrection");
    if (sizePixels < SIZE_PIXELS_MIN || sizePixels > SIZE_PIXELS_MAX) {
      throw new IllegalArgumentException(
          "size must be " + SIZE_PIXELS_MIN + " to " + SIZE_PIXELS_MAX + " pixels: " + sizePixels);
    }
    if (quietZoneModules < 0 || quietZoneModules > QUIET_ZONE_MODULES_MAX) {
      throw new IllegalArgumentException(
          "quiet zone must be 0 to " + QUIET_ZONE_MODULES_MAX + " modules: " + quietZoneModules);
    }
  }
}
