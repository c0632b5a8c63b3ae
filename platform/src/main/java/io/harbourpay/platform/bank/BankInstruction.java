package io.harbourpay.platform.bank;

/**
 * Move {@code amountMinor} between a customer's bank account and the operator's: {@code
 * DEBIT_CUSTOMER} pulls money for a top-up, {@code CREDIT_CUSTOMER} pays out a withdrawal.
 */
public record BankInstruction(
    String reference,
    Direction direction,
    String bankCode,
    String accountNumber,
    String holderName,
    String currency,
    long amountMinor) {
  public enum Direction {
    DEBIT_CUSTOMER,
    CREDIT_CUSTOMER
  }
}
