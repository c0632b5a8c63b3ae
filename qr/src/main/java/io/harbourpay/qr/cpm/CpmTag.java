package io.harbourpay.qr.cpm;

import java.util.Optional;

/**
 * The data objects the CPM specification names inside an application template (61) or the common
 * data template (62), with their format and length range in bytes.
 */
enum CpmTag {
  APPLICATION_IDENTIFIER("4F", Format.BINARY, 5, 16),
  APPLICATION_LABEL("50", Format.TEXT, 1, 16),
  TRACK_2_EQUIVALENT_DATA("57", Format.TRACK_2, 1, 19),
  APPLICATION_PAN("5A", Format.COMPRESSED_NUMERIC, 1, 10),
  CARDHOLDER_NAME("5F20", Format.TEXT, 2, 26),
  LANGUAGE_PREFERENCE("5F2D", Format.TEXT, 2, 8),
  ISSUER_URL("5F50", Format.TEXT, 1, 255),
  APPLICATION_VERSION_NUMBER("9F08", Format.BINARY, 2, 2),
  TOKEN_REQUESTOR_ID("9F19", Format.BINARY, 6, 6),
  PAYMENT_ACCOUNT_REFERENCE("9F24", Format.TEXT, 29, 29),
  LAST_4_DIGITS_OF_PAN("9F25", Format.BINARY, 2, 2);

  /** How a value's bytes map to the model's string. */
  enum Format {
    /** Upper-case hex of the bytes. */
    BINARY,
    /** ISO-8859-1 text, printable ASCII by the specification. */
    TEXT,
    /** Digits, a "D" separator, trailing "F" padding dropped. */
    TRACK_2,
    /** Digits, trailing "F" padding dropped. */
    COMPRESSED_NUMERIC
  }

  private final String tag;
  private final Format format;
  private final int lengthMin;
  private final int lengthMax;

  CpmTag(String tag, Format format, int lengthMin, int lengthMax) {
    this.tag = tag;
    this.format = format;
    this.lengthMin = lengthMin;
    this.lengthMax = lengthMax;
  }

  String tag() {
    return tag;
  }

  Format format() {
    return format;
  }

  int lengthMin() {
    return lengthMin;
  }

  int lengthMax() {
    return lengthMax;
  }

  static Optional<CpmTag> of(String tag) {
    for (CpmTag value : values()) {
      if (value.tag.equals(tag)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
