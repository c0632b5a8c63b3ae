package io.harbourpay.qr;

/**
 * The rules that a QR payload can break, with a stable code for logs and the CLI's JSON. Whether a
 * lenient decode accepts a payload that breaks a rule is part of the rule, so the two modes cannot
 * drift apart field by field.
 */
public enum Rule {
  /** The text or its bytes are longer than any QR symbol could carry. */
  INPUT_TOO_LONG(Tolerance.NEVER, "the input is longer than a QR symbol can carry"),
  /** An ID, a length or a value does not fit the TLV grammar (or base64 is broken). */
  SYNTAX(Tolerance.NEVER, "the data objects do not follow the ID-length-value structure"),
  /** An ID (or a BER tag) appears twice at one level. */
  DUPLICATE_ID(Tolerance.NEVER, "each ID appears at most once at its level"),
  /** The payload has no CRC data object (ID 63). */
  CRC_MISSING(Tolerance.NEVER, "the payload must end with the CRC data object 63"),
  /** The CRC data object is not the last one, or its length is not 4. */
  CRC_POSITION(Tolerance.NEVER, "the CRC data object must be last with length 04"),
  /** The CRC value is not four hexadecimal digits. */
  CRC_FORMAT(Tolerance.NEVER, "the CRC value must be four hexadecimal digits"),
  /** The CRC value does not match the payload. */
  CRC_MISMATCH(Tolerance.NEVER, "the CRC must match CRC-16/CCITT-FALSE of the payload"),
  /**
   * A data object without which nobody can pay is missing (format indicator, currency, account).
   */
  MISSING_ESSENTIAL(Tolerance.NEVER, "a data object needed to pay is missing"),
  /** A value that decides what is paid is malformed (amount, currency, fee, indicators). */
  INVALID_VALUE(Tolerance.NEVER, "the value is not allowed for this data object"),
  /** Two data objects contradict each other in a way that changes what is paid. */
  INCONSISTENT(Tolerance.NEVER, "the data objects contradict each other"),
  /** The payload is longer than the specification's maximum. */
  PAYLOAD_TOO_LONG(Tolerance.LENIENT, "the payload is longer than the specification allows"),
  /** The payload format indicator is not the version this codec implements. */
  FORMAT_INDICATOR(Tolerance.LENIENT, "the payload format indicator must be 01 (MPM) or CPV01"),
  /** The first data object is not the payload format indicator. */
  ORDER(Tolerance.LENIENT, "the payload format indicator must come first"),
  /** A data object the specification makes mandatory is missing (MCC, country, name, city). */
  MISSING_MANDATORY(Tolerance.LENIENT, "a mandatory data object is missing"),
  /** A data object has length zero. */
  EMPTY_VALUE(Tolerance.LENIENT, "data objects have a length of at least 01"),
  /** A value is longer or shorter than the specification allows. */
  LENGTH(Tolerance.LENIENT, "the value's length is outside the specification's range"),
  /** A value holds characters outside its character set (N digits, ans printable ASCII). */
  CHARSET(Tolerance.LENIENT, "the value holds characters outside its character set"),
  /** A template lacks its globally unique identifier in sub-field 00. */
  GUID_MISSING(Tolerance.LENIENT, "a template must carry a globally unique identifier in 00"),
  /** A data object appears where the specification does not place it. */
  UNEXPECTED(Tolerance.LENIENT, "the data object is not allowed here"),
  /** A data object is present but has no effect (a fee without the indicator asking for it). */
  UNUSED(Tolerance.ALWAYS, "the data object has no effect here");

  /** When a lenient decode lets a payload through despite a broken rule. */
  public enum Tolerance {
    /** Never: an error in both modes. */
    NEVER,
    /** An error in strict mode and a warning in lenient mode. */
    LENIENT,
    /** A warning in both modes: worth reporting, never a reason to refuse. */
    ALWAYS
  }

  private final Tolerance tolerance;
  private final String description;

  Rule(Tolerance tolerance, String description) {
    this.tolerance = tolerance;
    this.description = description;
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  /** The rule in words, as the specification states it. */
  public String description() {
    return description;
  }
}
