package io.harbourpay.qr.image;

/**
 * How a Code 128 barcode is drawn.
 *
 * @param widthPixels the image's width at most; each bar module gets a whole number of pixels
 * @param heightPixels the bars' height
 * @param quietZoneModules the white margin left and right, in modules; Code 128 asks for 10
 */
public record BarcodeImageOptions(int widthPixels, int heightPixels, int quietZoneModules) {
  public static final int WIDTH_PIXELS_MAX = 4096;
  public static final int HEIGHT_PIXELS_MIN = 10;
  public static final int HEIGHT_PIXELS_MAX = 2048;
  public static final int QUIET_ZONE_MODULES_MAX = 32;
  public static final int QUIET_ZONE_MODULES_STANDARD = 10;

  public static final BarcodeImageOptions DEFAULT =
      new BarcodeImageOptions(600, 160, QUIET_ZONE_MODULES_STANDARD);

  public BarcodeImageOptions {
    if (widthPixels < 1 || widthPixels > WIDTH_PIXELS_MAX) {
      throw new IllegalArgumentException("width must be 1 to " + WIDTH_PIXELS_MAX + " pixels");
    }
    if (heightPixels < HEIGHT_PIXELS_MIN || heightPixels > HEIGHT_PIXELS_MAX) {
      throw new IllegalArgumentException(
          "height must be " + HEIGHT_PIXELS_MIN + " to " + HEIGHT_PIXELS_MAX + " pixels");
    }
    if (quietZoneModules < 0 || quietZoneModules > QUIET_ZONE_MODULES_MAX) {
      throw new IllegalArgumentException(
          "quiet zone must be 0 to " + QUIET_ZONE_MODULES_MAX + " modules");
    }
  }
}
