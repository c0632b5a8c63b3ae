package io.harbourpay.qr.cpm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@link ConsumerPresentedPayload} as the base64 text of its BER-TLV: 85 first, the
 * application templates in order, the common data template last; inside a template the named data
 * objects in tag order, then the others, then the transparent template.
 */
public final class CpmEncoder {
  private CpmEncoder() {}

  /**
   * The base64 text of the payload.
   *
   * @throws IllegalArgumentException if a component cannot be written in its format (text outside
   *     ISO-8859-1, hex with an odd number of digits, a PAN with a letter)
   */
  public static String encode(ConsumerPresentedPayload payload) {
    return Base64.getEncoder().encodeToString(encodeBytes(payload));
  }

  /** The BER-TLV bytes of the payload, before base64. */
  public static byte[] encodeBytes(ConsumerPresentedPayload payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BerTlv.write(out, CpmDecoder.FORMAT_INDICATOR_TAG, text(payload.payloadFormatIndicator()));
    for (ApplicationData application : payload.applications()) {
      BerTlv.write(
          out,
          CpmDecoder.APPLICATION_TEMPLATE_TAG,
          template(application, ApplicationData.APPLICATION_TRANSPARENT_TAG));
    }
    if (payload.commonData() != null) {
      BerTlv.write(
          out,
          CpmDecoder.COMMON_DATA_TEMPLATE_TAG,
          template(payload.commonData(), ApplicationData.COMMON_TRANSPARENT_TAG));
    }
    return out.toByteArray();
  }

  private static byte[] template(ApplicationData data, String transparentTag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (CpmTag tag : CpmTag.values()) {
      String value = data.valueOf(tag);
      if (value != null) {
        BerTlv.write(out, tag.tag(), valueBytes(tag, value));
      }
    }
    writeFields(out, data.otherData());
    if (!data.transparentData().isEmpty()) {
      ByteArrayOutputStream transparent = new ByteArrayOutputStream();
      writeFields(transparent, data.transparentData());
      BerTlv.write(out, transparentTag, transparent.toByteArray());
    }
    return out.toByteArray();
  }

  private static void writeFields(ByteArrayOutputStream out, List<BerField> fields) {
    for (BerField field : fields) {
      BerTlv.write(out, field.tag(), Hex.parse(field.valueHex()));
    }
  }

  static byte[] valueBytes(CpmTag tag, String value) {
    return switch (tag.format()) {
      case BINARY -> Hex.parse(value);
      case TEXT -> text(value);
      case TRACK_2, COMPRESSED_NUMERIC -> {
        boolean separatorAllowed = tag.format() == CpmTag.Format.TRACK_2;
        if (!CpmDecoder.isNibbleText(value, separatorAllowed)) {
          throw new IllegalArgumentException(tag.tag() + " must be digits: " + value);
        }
        yield Hex.parse(value.length() % 2 == 0 ? value : value + "F");
      }
    };
  }

  private static byte[] text(String value) {
    if (!value.chars().allMatch(c -> c <= 0xFF)) {
      throw new IllegalArgumentException("text outside ISO-8859-1: " + value);
    }
    return value.getBytes(StandardCharsets.ISO_8859_1);
  }
}
