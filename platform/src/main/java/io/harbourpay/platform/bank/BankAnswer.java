package io.harbourpay.platform.bank;

/**
 * The bank's word on an instruction. PROCESSING: received, no outcome yet. UNKNOWN: it has no
 * record of it (lost on the way), so nothing moved and nothing will.
 */
public record BankAnswer(String reference, Status status, String reasonCode) {
  public enum Status {
    PROCESSING,
    CONFIRMED,
    DECLINED,
    UNKNOWN
  }
}
