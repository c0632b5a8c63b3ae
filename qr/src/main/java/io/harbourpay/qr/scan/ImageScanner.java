package io.harbourpay.qr.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds a QR code in a PNG or JPEG picture. The caller bounds the bytes ({@link #BYTES_MAX}); this
 * class bounds the pixels before decoding them ({@link #PIXELS_MAX}), so a small file that claims
 * to be a huge picture cannot exhaust memory.
 */
public final class ImageScanner {
  /** A phone camera frame as JPEG is 50–300 kB; a full-resolution photo rarely passes 2 MB. */
  public static final int BYTES_MAX = 2 * 1024 * 1024;

  /** 16 megapixels: any phone photo, but not a decompression bomb. */
  public static final long PIXELS_MAX = 16_000_000L;

  /** Why a picture gave no text. */
  public enum Failure {
    /** Not a PNG or JPEG the JDK can read. */
    UNREADABLE,
    /** More pixels than {@link #PIXELS_MAX}. */
    TOO_LARGE,
    /** A picture, but no QR code was found in it. */
    NO_CODE
  }

  /** Either the text of the code found, or why none was. */
  public record Scan(String text, Failure failure) {
    static Scan found(String text) {
      return new Scan(text, null);
    }

    static Scan failed(Failure failure) {
      return new Scan(null, failure);
    }

    public boolean ok() {
      return failure == null;
    }
  }

  private ImageScanner() {}

  /** Decodes the first QR code in {@code image} (at most {@link #BYTES_MAX} bytes). */
  public static Scan scan(byte[] image) {
    if (image.length > BYTES_MAX) return Scan.failed(Failure.TOO_LARGE);
    try {
      return decode(read(image)).map(Scan::found).orElseGet(() -> Scan.failed(Failure.NO_CODE));
    } catch (Refused refused) {
      return Scan.failed(refused.failure);
    }
  }

  /** A picture the scanner will not decode. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Failure failure;

    Refused(Failure failure) {
      super(failure.name(), null, false, false);
      this.failure = failure;
    }
  }

  private static BufferedImage read(byte[] image) throws Refused {
    try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
      if (readers == null || !readers.hasNext()) throw new Refused(Failure.UNREADABLE);
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > PIXELS_MAX) throw new Refused(Failure.TOO_LARGE);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException unreadable) {
      throw new Refused(Failure.UNREADABLE);
    }
  }

  private static Optional<String> decode(BufferedImage picture) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    int[] argb = picture.getRGB(0, 0, width, height, null, 0, width);
    LuminanceSource source = new RGBLuminanceSource(width, height, argb);
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    MultiFormatReader reader = new MultiFormatReader();
    reader.setHints(hints);
    BinaryBitmap hybrid = new BinaryBitmap(new HybridBinarizer(source));
    // The hybrid binarizer suits camera frames with uneven light; the global one catches flat,
    // low-contrast screenshots the hybrid one misses.
    for (BinaryBitmap bitmap :
        List.of(hybrid, new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
      try {
        Result result = reader.decodeWithState(bitmap);
        return Optional.of(result.getText());
      } catch (NotFoundException notHere) {
        reader.reset();
      }
    }
    // ZXing's single detector keeps the first three finder-pattern candidates it likes; in about
    // one symbol in twenty (it depends on the data) a run of data modules looks like a finder
    // pattern and it gives up, even on a perfect picture. The multi detector weighs every
    // combination of candidates and reads those.
    try {
      Result[] results = new QRCodeMultiReader().decodeMultiple(hybrid, hints);
      if (results.length > 0) return Optional.of(results[0].getText());
    } catch (NotFoundException notHere) {
      // Nothing the multi detector could read either.
    }
    // Last, a picture that is nothing but the code on white (a saved or shared QR image).
    Map<DecodeHintType, Object> pure = new EnumMap<>(hints);
    pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    try {
      return Optional.of(new QRCodeReader().decode(hybrid, pure).getText());
    } catch (NotFoundException | ChecksumException | FormatException notHere) {
      return Optional.empty();
    }
  }
}
