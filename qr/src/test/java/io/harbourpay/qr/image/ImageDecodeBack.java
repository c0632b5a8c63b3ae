package io.harbourpay.qr.image;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads rendered images back the way a till's scanner would, with ZXing's readers. */
final class ImageDecodeBack {
  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v(\\d+)h-\\d+z");
  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final int SVG_RASTER_PIXELS_PER_UNIT = 4;

  private ImageDecodeBack() {}

  static String qrFromPng(byte[] png) throws Exception {
    return qr(ImageIO.read(new ByteArrayInputStream(png)));
  }

  static String code128FromPng(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    Result result = new Code128Reader().decode(bitmap(image), hints());
    return result.getText();
  }

  static String qr(BufferedImage image) throws Exception {
    return new QRCodeReader().decode(bitmap(image), hints()).getText();
  }

  /** Paints the SVG's path runs onto a bitmap: a raster of exactly what a browser would draw. */
  static BufferedImage rasterise(String svg) throws IOException {
    Matcher box = VIEW_BOX.matcher(svg);
    if (!box.find()) {
      throw new IOException("no viewBox");
    }
    int scale = SVG_RASTER_PIXELS_PER_UNIT;
    int width = Integer.parseInt(box.group(1)) * scale;
    int height = Integer.parseInt(box.group(2)) * scale;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    var graphics = image.createGraphics();
    graphics.setColor(java.awt.Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(java.awt.Color.BLACK);
    Matcher run = RUN.matcher(svg);
    while (run.find()) {
      graphics.fillRect(
          Integer.parseInt(run.group(1)) * scale,
          Integer.parseInt(run.group(2)) * scale,
          Integer.parseInt(run.group(3)) * scale,
          Integer.parseInt(run.group(4)) * scale);
    }
    graphics.dispose();
    return image;
  }

  private static BinaryBitmap bitmap(BufferedImage image) {
    return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
  }

  private static Map<DecodeHintType, Object> hints() {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    return hints;
  }
}
