package io.harbourpay.qr;

/**
 * Which rules a decode enforces. Real codes break some EMVCo rules and are still paid every day (a
 * DuitNow payload format indicator of "02", PromptPay codes without a merchant name), so a till
 * decodes leniently and a code generator checks its own output strictly.
 */
public enum DecodeMode {
  /** Every rule of the EMVCo specification is an error. */
  STRICT,
  /** Rules that real readers tolerate become warnings; structure and CRC stay errors. */
  LENIENT;

  /** The severity that a problem of {@code rule} gets in this mode. */
  public Severity severityOf(Rule rule) {
    return switch (rule.tolerance()) {
      case NEVER -> Severity.ERROR;
      case LENIENT -> this == STRICT ? Severity.ERROR : Severity.WARNING;
      case ALWAYS -> Severity.WARNING;
    };
  }
}
