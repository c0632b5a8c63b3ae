package io.harbourpay.qr;

/** How much a broken rule matters to the caller of a decode. */
public enum Severity {
  /** The payload is refused: paying from it would be wrong or impossible. */
  ERROR,
  /** The payload is accepted, but it breaks a rule that the caller may want to report. */
  WARNING
}
