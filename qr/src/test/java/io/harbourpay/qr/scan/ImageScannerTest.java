package io.harbourpay.qr.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.harbourpay.qr.image.PngImages;
import io.harbourpay.qr.image.QrImageOptions;
import io.harbourpay.qr.image.Symbols;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Reading QR codes out of pictures from the network: found, or refused with a reason. */
class ImageScannerTest {
  static final String PAYLOAD = "00020101021226330012hk.com.hkicl0203004020900000000052045411";

  @Test
  void aRenderedCodeReadsBackFromPngAndFromAJpegPhotoOfIt() throws IOException {
    byte[] png = PngImages.write(Symbols.qr(PAYLOAD, QrImageOptions.DEFAULT));
    assertThat(ImageScanner.scan(png)).isEqualTo(new ImageScanner.Scan(PAYLOAD, null));

    // A camera frame: the code small and off-centre on a grey background, as JPEG.
    BufferedImage code = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage frame = new BufferedImage(960, 720, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = frame.createGraphics();
    graphics.setColor(new Color(0x9a9a9a));
    graphics.fillRect(0, 0, frame.getWidth(), frame.getHeight());
    graphics.drawImage(code, 420, 200, 360, 360, null);
    graphics.dispose();
    ImageScanner.Scan scan = ImageScanner.scan(encode(frame, "jpg"));
    assertThat(scan.ok()).isTrue();
    assertThat(scan.text()).isEqualTo(PAYLOAD);
  }

  /**
   * A HarbourPay order whose clean PNG ZXing's single detector cannot read (a run of data modules
   * passes for a finder pattern; about one order in twenty is like this). The wallet's photo scan
   * of such an order found nothing and the browser test waited in vain.
   */
  static final String ORDER_THE_SINGLE_DETECTOR_MISSES =
      "00020101021232870013io.harbourpay011303mtz6bx27vnz0212dgg7e5d21mng0312j5zq944ejhwv0417"
          + "ord_50av2wnphgsp6520458125303344540588.005802HK5915Test Merchant 56009Hong Kong63048B77";

  @Test
  void aCodeWhoseDataLooksLikeAFinderPatternStillReads() throws IOException {
    byte[] png =
        PngImages.write(Symbols.qr(ORDER_THE_SINGLE_DETECTOR_MISSES, QrImageOptions.DEFAULT));
    assertThat(ImageScanner.scan(png).text()).isEqualTo(ORDER_THE_SINGLE_DETECTOR_MISSES);
    // And as a camera sees it: smaller, off-centre, on grey, as JPEG.
    BufferedImage frame = new BufferedImage(960, 720, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = frame.createGraphics();
    graphics.setColor(new Color(0x9a9a9a));
    graphics.fillRect(0, 0, frame.getWidth(), frame.getHeight());
    graphics.drawImage(ImageIO.read(new ByteArrayInputStream(png)), 300, 120, 480, 480, null);
    graphics.dispose();
    assertThat(ImageScanner.scan(encode(frame, "jpg")).text())
        .isEqualTo(ORDER_THE_SINGLE_DETECTOR_MISSES);
  }

  @Test
  void refusalsSayWhy() throws IOException {
    assertThat(ImageScanner.scan(new byte[ImageScanner.BYTES_MAX + 1]).failure())
        .isEqualTo(ImageScanner.Failure.TOO_LARGE);
    assertThat(ImageScanner.scan("GIF89a not really".getBytes()).failure())
        .isEqualTo(ImageScanner.Failure.UNREADABLE);
    assertThat(ImageScanner.scan(new byte[0]).failure()).isEqualTo(ImageScanner.Failure.UNREADABLE);
    BufferedImage blank = new BufferedImage(120, 120, BufferedImage.TYPE_BYTE_GRAY);
    assertThat(ImageScanner.scan(encode(blank, "png")).failure())
        .isEqualTo(ImageScanner.Failure.NO_CODE);
    // A small file that declares more pixels than allowed is refused before it is decoded.
    BufferedImage huge = new BufferedImage(5000, 4000, BufferedImage.TYPE_BYTE_BINARY);
    byte[] bomb = encode(huge, "png");
    assertThat(bomb.length).isLessThan(ImageScanner.BYTES_MAX);
    assertThat(ImageScanner.scan(bomb).failure()).isEqualTo(ImageScanner.Failure.TOO_LARGE);
  }

  /** Whatever the bytes, the scanner answers with a text or a reason; it never throws. */
  @FuzzTest(maxDuration = "30s")
  void anyBytesGiveAnAnswer(byte[] input) {
    ImageScanner.Scan scan = ImageScanner.scan(input);
    assertThat(scan.ok()).isEqualTo(scan.text() != null);
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }
}
