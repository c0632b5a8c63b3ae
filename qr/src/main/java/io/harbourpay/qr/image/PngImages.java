package io.harbourpay.qr.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Writes a symbol as a black-and-white PNG. */
public final class PngImages {
  private static final int DARK = 0x000000;
  private static final int LIGHT = 0xFFFFFF;

  private PngImages() {}

  public static byte[] write(Symbol symbol) {
    BufferedImage image =
        new BufferedImage(
            symbol.widthPixels(), symbol.heightPixels(), BufferedImage.TYPE_BYTE_BINARY);
    for (int row = 0; row < symbol.rows(); row++) {
      for (int column = 0; column < symbol.columns(); column++) {
        int colour = symbol.isDark(column, row) ? DARK : LIGHT;
        int left = column * symbol.modulePixelsWide();
        int top = row * symbol.modulePixelsHigh();
        for (int y = top; y < top + symbol.modulePixelsHigh(); y++) {
          for (int x = left; x < left + symbol.modulePixelsWide(); x++) {
            image.setRGB(x, y, colour);
          }
        }
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("the Java runtime has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return png.toByteArray();
  }
}
