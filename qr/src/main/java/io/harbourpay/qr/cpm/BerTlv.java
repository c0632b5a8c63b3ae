package io.harbourpay.qr.cpm;

import io.harbourpay.qr.ProblemCollector;
import io.harbourpay.qr.Rule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The subset of BER-TLV that EMV uses: tags of one to three bytes, definite lengths. */
final class BerTlv {
  /** EMV tags have at most three bytes. */
  static final int TAG_BYTES_MAX = 3;

  /** Lengths up to 0xFFFF (form 82 xx xx) are more than any QR carries. */
  static final int LENGTH_BYTES_MAX = 2;

  private static final int SHORT_LENGTH_MAX = 0x7F;

  private BerTlv() {}

  /**
   * One data object as read; positions are byte offsets in the decoded payload.
   *
   * @param tag upper-case hex
   * @param path where it sits, e.g. "61[1]/5F20"
   */
  record DataObject(
      String tag, boolean constructed, String path, int position, int valueStart, int valueEnd) {}

  /** Reads {@code data[from, to)}, or reports a syntax error and returns null. */
  static List<DataObject> parse(
      byte[] data, int from, int to, String parentPath, ProblemCollector problems) {
    List<DataObject> objects = new ArrayList<>();
    String where = parentPath.isEmpty() ? "payload" : parentPath;
    int index = from;
    while (index < to) {
      int position = index;
      int first = data[index] & 0xFF;
      if (first == 0x00 || first == 0xFF) {
        problems.report(where, position, Rule.SYNTAX, "byte " + hexByte(first) + " is no tag");
        return null;
      }
      index++;
      if ((first & 0x1F) == 0x1F) {
        int tagBytes = 1;
        boolean more = true;
        while (more) {
          if (index >= to || tagBytes == TAG_BYTES_MAX) {
            problems.report(
                where,
                position,
                Rule.SYNTAX,
                "a tag runs past " + TAG_BYTES_MAX + " bytes or the end");
            return null;
          }
          more = (data[index] & 0x80) != 0;
          index++;
          tagBytes++;
        }
      }
      String tag = Hex.of(data, position, index);
      String path = parentPath.isEmpty() ? tag : parentPath + "/" + tag;
      if (index >= to) {
        problems.report(path, position, Rule.SYNTAX, "the tag has no length");
        return null;
      }
      int length = data[index] & 0xFF;
      index++;
      if (length > SHORT_LENGTH_MAX) {
        int lengthBytes = length & SHORT_LENGTH_MAX;
        if (lengthBytes == 0 || lengthBytes > LENGTH_BYTES_MAX || to - index < lengthBytes) {
          problems.report(
              path, position, Rule.SYNTAX, "length form " + hexByte(length) + " is not allowed");
          return null;
        }
        length = 0;
        for (int count = 0; count < lengthBytes; count++) {
          length = (length << 8) | (data[index] & 0xFF);
          index++;
        }
      }
      if (length > to - index) {
        problems.report(
            path,
            position,
            Rule.SYNTAX,
            "length " + length + " runs past the end: only " + (to - index) + " bytes remain");
        return null;
      }
      objects.add(new DataObject(tag, (first & 0x20) != 0, path, position, index, index + length));
      index += length;
    }
    return objects;
  }

  /** Whether {@code hex} is exactly one well-formed tag. */
  static boolean isValidTag(String hex) {
    if (hex.isEmpty()
        || hex.length() > TAG_BYTES_MAX * 2
        || hex.length() % 2 != 0
        || !Hex.isHex(hex)) {
      return false;
    }
    byte[] bytes = Hex.parse(hex);
    int first = bytes[0] & 0xFF;
    if (first == 0x00 || first == 0xFF) {
      return false;
    }
    if ((first & 0x1F) != 0x1F) {
      return bytes.length == 1;
    }
    for (int index = 1; index < bytes.length; index++) {
      boolean last = index == bytes.length - 1;
      if (((bytes[index] & 0x80) == 0) != last) {
        return false;
      }
    }
    return bytes.length > 1;
  }

  static void write(ByteArrayOutputStream out, String tag, byte[] value) {
    out.writeBytes(Hex.parse(tag));
    int length = value.length;
    if (length <= SHORT_LENGTH_MAX) {
      out.write(length);
    } else if (length <= 0xFF) {
      out.write(0x81);
      out.write(length);
    } else if (length <= 0xFFFF) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xFF);
    } else {
      throw new IllegalArgumentException("value of " + tag + " is " + length + " bytes, too long");
    }
    out.writeBytes(value);
  }

  private static String hexByte(int value) {
    return String.format("%02X", value);
  }
}
